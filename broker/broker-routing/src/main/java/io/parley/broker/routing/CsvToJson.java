package io.parley.broker.routing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.parley.broker.Message;
import java.io.IOException;
import java.util.Map;

/**
 * CSV -> JSON. The first row names the columns; every further row becomes a JSON object with those
 * fields in column order, all values strings; the body becomes the array of those objects. A row
 * with more or fewer columns than the header is a {@link TransformationException}. Immutable.
 */
record CsvToJson(char separator) implements Transformation {

    static final String NAME = "csv-to-json";

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        ArrayNode rows = JsonBodies.JSON.createArrayNode();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(message.body())) {
            while (it.hasNextValue()) {
                ObjectNode row = rows.addObject();
                it.nextValue().forEach(row::put);
            }
        } catch (JacksonException e) {
            throw new TransformationException("body is not valid CSV: " + JsonBodies.describe(e), e);
        } catch (IOException e) {
            throw new TransformationException("body could not be read as CSV: " + e.getMessage(), e);
        }
        return JsonBodies.withJson(message, rows);
    }
}
