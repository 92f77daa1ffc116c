package io.parley.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * JSON marshalling with Jackson: arguments as a JSON array, a result as one JSON value. Records,
 * generic types ({@code List<Order>}, {@code Map<String, Money>}), {@code Optional} and
 * {@code java.time} types work out of the box; unknown properties are ignored so that a service
 * can add fields without breaking older callers. Thread-safe.
 */
public final class JacksonCodec implements Codec {

    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper;

    /** A codec over {@link #defaultMapper()}. */
    public JacksonCodec() {
        this(defaultMapper());
    }

    /** A codec over the caller's mapper (add modules for the application's types there). */
    public JacksonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The mapper the default codec uses: JDK 8 and java.time modules, ISO dates, unknown fields ignored. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encodeArguments(Object[] arguments, Type[] types) {
        ArrayNode array = mapper.createArrayNode();
        for (int i = 0; i < types.length; i++) {
            array.add(mapper.<JsonNode>valueToTree(arguments == null ? null : arguments[i]));
        }
        return write(array);
    }

    @Override
    public Object[] decodeArguments(byte[] body, Type[] types) {
        JsonNode tree = readTree(body);
        if (!tree.isArray()) {
            throw new IllegalArgumentException("arguments must be a JSON array, not " + tree.getNodeType());
        }
        if (tree.size() != types.length) {
            throw new IllegalArgumentException("the method takes " + types.length + " argument(s), the request has " + tree.size());
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            JavaType type = mapper.getTypeFactory().constructType(types[i]);
            try {
                values[i] = mapper.treeToValue(tree.get(i), type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + i + " (" + tree.get(i) + ") is not a " + type.toCanonical()
                        + ": " + rootMessage(e), e);
            }
            if (values[i] == null && type.isPrimitive()) {
                throw new IllegalArgumentException("argument " + i + " is null, but the parameter is a " + type.toCanonical());
            }
        }
        return values;
    }

    @Override
    public int countArguments(byte[] body) {
        JsonNode tree = readTree(body);
        if (!tree.isArray()) {
            throw new IllegalArgumentException("arguments must be a JSON array, not " + tree.getNodeType());
        }
        return tree.size();
    }

    @Override
    public byte[] encodeResult(Object result, Type type) {
        try {
            return mapper.writerFor(mapper.getTypeFactory().constructType(type)).writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode result of type " + type.getTypeName() + ": " + rootMessage(e), e);
        }
    }

    @Override
    public Object decodeResult(byte[] body, Type type) {
        try {
            return mapper.readValue(body, mapper.getTypeFactory().constructType(type));
        } catch (IOException e) {
            throw new IllegalArgumentException("reply is not a " + type.getTypeName() + ": " + rootMessage(e), e);
        }
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException("arguments must be a JSON array; the body is empty");
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalArgumentException("arguments are not JSON: " + rootMessage(e), e);
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode arguments: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return e.getMessage();
    }
}
