package io.parley.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.parley.broker.Message;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransformationsTest {

    private static Message json(String body) {
        return Message.builder().body(body.getBytes(StandardCharsets.UTF_8), "application/json")
                .id("m-1").correlationId("c-1").header("region", "eu").build();
    }

    private static Message text(String body, String contentType) {
        return Message.builder().body(body.getBytes(StandardCharsets.UTF_8), contentType).build();
    }

    @Test
    void shouldConvertJsonObjectToXmlUnderMessageRoot() {
        Message out = Transformations.jsonToXml().apply(json("{\"id\":7,\"customer\":{\"name\":\"Ann\"},\"items\":[\"a\",\"b\"],\"paid\":true}"));

        assertThat(out.bodyAsText()).isEqualTo(
                "<message><id>7</id><customer><name>Ann</name></customer><items>a</items><items>b</items><paid>true</paid></message>");
        assertThat(out.contentType()).isEqualTo("application/xml");
    }

    @Test
    void shouldConvertJsonArrayToRepeatedItemElementsUnderTheGivenRoot() {
        Message out = Transformations.jsonToXml("orders", "order").apply(json("[{\"id\":\"1\"},{\"id\":\"2\"}]"));

        assertThat(out.bodyAsText()).isEqualTo("<orders><order><id>1</id></order><order><id>2</id></order></orders>");
    }

    @Test
    void shouldKeepIdCorrelationAndHeadersWhenTransforming() {
        Message out = Transformations.jsonToXml().apply(json("{\"a\":1}"));

        assertThat(out.id()).isEqualTo("m-1");
        assertThat(out.correlationId()).contains("c-1");
        assertThat(out.headers()).containsEntry("region", "eu");
    }

    @Test
    void shouldRejectJsonScalarForXml() {
        assertThatThrownBy(() -> Transformations.jsonToXml().apply(json("42")))
                .isInstanceOf(TransformationException.class)
                .hasMessage("body is a number, not a JSON object or array");
    }

    @Test
    void shouldRejectInvalidJsonNamingTheProblemAndPosition() {
        assertThatThrownBy(() -> Transformations.jsonToXml().apply(json("{\"a\": }")))
                .isInstanceOf(TransformationException.class)
                .hasMessageStartingWith("body is not valid JSON: Unexpected character ('}' (code 125))")
                .hasMessageEndingWith("at line 1, column 7");
    }

    @Test
    void shouldRejectJsonFieldNameThatIsNoXmlName() {
        assertThatThrownBy(() -> Transformations.jsonToXml().apply(json("{\"order\":{\"first name\":\"Ann\"}}")))
                .isInstanceOf(TransformationException.class)
                .hasMessage("field 'order.first name' cannot be an XML element: names follow [A-Za-z_][A-Za-z0-9._-]{0,127} "
                        + "(rename it first with rename-field)");
    }

    @Test
    void shouldEscapeXmlCharactersInValues() {
        assertThat(Transformations.jsonToXml().apply(json("{\"a\":\"<&>\"}")).bodyAsText()).isEqualTo("<message><a>&lt;&amp;></a></message>");
    }

    @Test
    void shouldConvertXmlToJsonWithRepeatedElementsAsArraysAndAttributesAsFields() {
        Message out = Transformations.xmlToJson().apply(text(
                "<order id=\"7\"><item>a</item><item>b</item><customer><name>Ann</name></customer><note/></order>", "application/xml"));

        assertThat(out.bodyAsText()).isEqualTo("{\"id\":\"7\",\"item\":[\"a\",\"b\"],\"customer\":{\"name\":\"Ann\"},\"note\":\"\"}");
        assertThat(out.contentType()).isEqualTo("application/json");
    }

    @Test
    void shouldRejectMalformedXml() {
        assertThatThrownBy(() -> Transformations.xmlToJson().apply(text("<order><id>1</order>", "application/xml")))
                .isInstanceOf(TransformationException.class)
                .hasMessageStartingWith("body is not valid XML: Unexpected close tag </order>; expected </id>.");
    }

    @Test
    void shouldConvertCsvRowsToArrayOfObjectsNamedByHeader() {
        Message out = Transformations.csvToJson().apply(text("id,region,amount\n1,eu,10.5\n2,us,\"3,000\"\n", "text/csv"));

        assertThat(out.bodyAsText()).isEqualTo(
                "[{\"id\":\"1\",\"region\":\"eu\",\"amount\":\"10.5\"},{\"id\":\"2\",\"region\":\"us\",\"amount\":\"3,000\"}]");
        assertThat(out.contentType()).isEqualTo("application/json");
    }

    @Test
    void shouldConvertCsvWithOtherSeparator() {
        Message out = Transformations.csvToJson(';').apply(text("a;b\nx;y", "text/csv"));

        assertThat(out.bodyAsText()).isEqualTo("[{\"a\":\"x\",\"b\":\"y\"}]");
    }

    @Test
    void shouldConvertHeaderOnlyCsvToEmptyArray() {
        assertThat(Transformations.csvToJson().apply(text("a,b\n", "text/csv")).bodyAsText()).isEqualTo("[]");
    }

    @Test
    void shouldRejectCsvRowWithMissingColumns() {
        assertThatThrownBy(() -> Transformations.csvToJson().apply(text("id,region,amount\n1,eu\n", "text/csv")))
                .isInstanceOf(TransformationException.class)
                .hasMessageStartingWith("body is not valid CSV: Not enough column values: expected 3, found 2");
    }

    @Test
    void shouldRejectCsvRowWithTooManyColumns() {
        assertThatThrownBy(() -> Transformations.csvToJson().apply(text("id,region\n1,eu,extra\n", "text/csv")))
                .isInstanceOf(TransformationException.class)
                .hasMessageStartingWith("body is not valid CSV: Too many entries: expected at most 2");
    }

    @Test
    void shouldRenameNestedFieldToAnotherPath() {
        Message out = Transformations.renameField("cust.name", "customer.fullName")
                .apply(json("{\"cust\":{\"name\":\"Ann\",\"age\":3},\"id\":1}"));

        assertThat(out.bodyAsText()).isEqualTo("{\"cust\":{\"age\":3},\"id\":1,\"customer\":{\"fullName\":\"Ann\"}}");
    }

    @Test
    void shouldRenameFieldInEachObjectOfAnArray() {
        Message out = Transformations.renameField("id", "orderId").apply(json("[{\"id\":\"1\"},{\"id\":\"2\"},{\"x\":0}]"));

        assertThat(out.bodyAsText()).isEqualTo("[{\"orderId\":\"1\"},{\"orderId\":\"2\"},{\"x\":0}]");
    }

    @Test
    void shouldLeaveBodyUnchangedWhenRenamedFieldIsAbsent() {
        assertThat(Transformations.renameField("a.b", "c").apply(json("{\"a\":{}}")).bodyAsText()).isEqualTo("{\"a\":{}}");
    }

    @Test
    void shouldDropNestedField() {
        Message out = Transformations.dropField("customer.secret").apply(json("{\"customer\":{\"name\":\"Ann\",\"secret\":\"x\"}}"));

        assertThat(out.bodyAsText()).isEqualTo("{\"customer\":{\"name\":\"Ann\"}}");
    }

    @Test
    void shouldAddConstantFieldCreatingNestedObjects() {
        Message out = Transformations.addField("meta.source", "parley").apply(json("{\"id\":1}"));

        assertThat(out.bodyAsText()).isEqualTo("{\"id\":1,\"meta\":{\"source\":\"parley\"}}");
    }

    @Test
    void shouldAddJsonValueReplacingAnExistingOne() {
        Message out = Transformations.addField("version", IntNode.valueOf(2)).apply(json("{\"version\":1}"));

        assertThat(out.bodyAsText()).isEqualTo("{\"version\":2}");
    }

    @Test
    void shouldRejectPathThroughANonObject() {
        assertThatThrownBy(() -> Transformations.addField("id.sub", "x").apply(json("{\"id\":1}")))
                .isInstanceOf(TransformationException.class)
                .hasMessage("field 'id' is a number, not an object, so 'id.sub' cannot be reached");
    }

    @Test
    void shouldRejectFieldOperationOnArrayOfScalars() {
        assertThatThrownBy(() -> Transformations.dropField("a").apply(json("[{\"a\":1},2]")))
                .isInstanceOf(TransformationException.class)
                .hasMessage("element 1 of the body array is a number, not an object");
    }

    @Test
    void shouldRejectInvalidFieldPathNamingTransformationKeyValueAndRule() {
        assertThatThrownBy(() -> Transformations.renameField("a..b", "c"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("rename-field key 'from' value 'a..b' is invalid: allowed are field names of [A-Za-z0-9_$@-] "
                        + "(1 to 128 characters) separated by '.'");
    }

    @Test
    void shouldRejectInvalidXmlRootName() {
        assertThatThrownBy(() -> Transformations.jsonToXml("1root", "item"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("json-to-xml key 'rootElement' value '1root' is invalid: allowed are [A-Za-z_][A-Za-z0-9._-]{0,127}");
    }

    @Test
    void shouldChainCsvToJsonToXml() {
        Message csv = text("id,region\n1,eu\n", "text/csv");
        Message out = Transformations.jsonToXml("orders", "order").apply(
                Transformations.addField("source", "csv").apply(Transformations.csvToJson().apply(csv)));

        assertThat(out.bodyAsText()).isEqualTo("<orders><order><id>1</id><region>eu</region><source>csv</source></order></orders>");
    }
}
