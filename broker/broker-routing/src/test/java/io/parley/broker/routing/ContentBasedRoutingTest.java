package io.parley.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentBasedRoutingTest {

    private static final ContentBasedRouting BY_HEADER = ContentBasedRouting.onHeader("region")
            .when("eu", "queue:orders-eu", "topic:audit.eu")
            .when("us", "queue:orders-us");

    private static final ContentBasedRouting BY_FIELD = ContentBasedRouting.onField("customer.region")
            .when("eu", "queue:orders-eu")
            .when("42", "queue:answers")
            .otherwise("queue:orders-other");

    private static Message json(String body) {
        return Message.of(body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void shouldChooseTargetsOfTheMatchingHeaderCase() {
        assertThat(BY_HEADER.select(Message.builder().text("x").header("region", "eu").build()))
                .containsExactly(Destination.queue("orders-eu"), Destination.topic("audit.eu"));
        assertThat(BY_HEADER.select(Message.builder().text("x").header("region", "us").build()))
                .containsExactly(Destination.queue("orders-us"));
    }

    @Test
    void shouldRejectMissingHeaderWithoutOtherwise() {
        assertThatThrownBy(() -> BY_HEADER.select(Message.text("x")))
                .isInstanceOf(UnroutableMessageException.class)
                .hasMessage("header 'region' is missing and no otherwise target is set");
    }

    @Test
    void shouldRejectUnmatchedHeaderValueWithoutOtherwise() {
        assertThatThrownBy(() -> BY_HEADER.select(Message.builder().text("x").header("region", "asia").build()))
                .isInstanceOf(UnroutableMessageException.class)
                .hasMessage("header 'region' value 'asia' matches no case and no otherwise target is set");
    }

    @Test
    void shouldChooseByNestedBodyField() {
        assertThat(BY_FIELD.select(json("{\"customer\":{\"region\":\"eu\"}}"))).containsExactly(Destination.queue("orders-eu"));
    }

    @Test
    void shouldCompareNumbersAsText() {
        assertThat(BY_FIELD.select(json("{\"customer\":{\"region\":42}}"))).containsExactly(Destination.queue("answers"));
    }

    @Test
    void shouldUseOtherwiseForMissingNullOrUnmatchedField() {
        assertThat(BY_FIELD.select(json("{\"customer\":{}}"))).containsExactly(Destination.queue("orders-other"));
        assertThat(BY_FIELD.select(json("{\"customer\":{\"region\":null}}"))).containsExactly(Destination.queue("orders-other"));
        assertThat(BY_FIELD.select(json("{\"customer\":{\"region\":\"asia\"}}"))).containsExactly(Destination.queue("orders-other"));
    }

    @Test
    void shouldRejectBodyThatIsNotJsonWhenRoutingOnField() {
        assertThatThrownBy(() -> BY_FIELD.select(Message.text("region=eu")))
                .isInstanceOf(TransformationException.class)
                .hasMessageStartingWith("body is not valid JSON: Unrecognized token 'region'");
    }

    @Test
    void shouldListEveryTargetOnce() {
        assertThat(ContentBasedRouting.onHeader("h").when("a", "queue:x").when("b", "queue:x", "queue:y").otherwise("queue:z").all())
                .containsExactly(Destination.queue("x"), Destination.queue("y"), Destination.queue("z"));
    }
}
