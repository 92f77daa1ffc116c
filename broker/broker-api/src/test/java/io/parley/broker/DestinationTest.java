package io.parley.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationTest {

    @Test
    void shouldMatchOneWordWithStar() {
        Destination.Topic pattern = Destination.topic("orders.*.nl");
        assertThat(pattern.isPattern()).isTrue();
        assertThat(pattern.matches("orders.eu.nl")).isTrue();
        assertThat(pattern.matches("orders.nl")).isFalse();
        assertThat(pattern.matches("orders.eu.west.nl")).isFalse();
    }

    @Test
    void shouldMatchAnyTailWithHash() {
        Destination.Topic pattern = Destination.topic("orders.#");
        assertThat(pattern.matches("orders")).isTrue();
        assertThat(pattern.matches("orders.eu")).isTrue();
        assertThat(pattern.matches("orders.eu.nl.amsterdam")).isTrue();
        assertThat(pattern.matches("invoices.eu")).isFalse();
    }

    @Test
    void plainTopicShouldMatchOnlyItself() {
        Destination.Topic topic = Destination.topic("orders.eu");
        assertThat(topic.isPattern()).isFalse();
        assertThat(topic.matches("orders.eu")).isTrue();
        assertThat(topic.matches("orders.eu.nl")).isFalse();
    }

    @Test
    void shouldRejectBadQueueNameNamingValueAndRule() {
        assertThatThrownBy(() -> Destination.queue("orders/eu"))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessage("queue name 'orders/eu' is invalid: allowed are 1 to 200 characters of [A-Za-z0-9._-]");
        assertThatThrownBy(() -> Destination.queue("x".repeat(201)))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("1 to 200 characters");
    }

    @Test
    void shouldRejectBadTopicWord() {
        assertThatThrownBy(() -> Destination.topic("orders..eu"))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("invalid word ''");
        assertThatThrownBy(() -> Destination.topic("orders.e*"))
                .hasMessageContaining("invalid word 'e*'");
    }

    @Test
    void shouldRoundTripThroughText() {
        assertThat(Destination.parse(Destination.queue("a.b").toString())).isEqualTo(Destination.queue("a.b"));
        assertThat(Destination.parse("topic:orders.#")).isEqualTo(Destination.topic("orders.#"));
        assertThatThrownBy(() -> Destination.parse("orders")).hasMessageContaining("must start with 'queue:' or 'topic:'");
    }
}
