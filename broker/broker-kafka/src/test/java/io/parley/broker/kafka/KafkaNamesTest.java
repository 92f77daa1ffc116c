package io.parley.broker.kafka;

import io.parley.broker.Destination;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaNamesTest {

    @Test
    void shouldKeepQueuesAndTopicsOfOneNameApart() {
        assertThat(KafkaNames.topicOf(Destination.queue("orders"))).isEqualTo("queue.orders");
        assertThat(KafkaNames.topicOf(Destination.topic("orders"))).isEqualTo("topic.orders");
        assertThat(KafkaNames.deadLetterTopic("orders")).isEqualTo("queue.orders.DLQ");
        assertThat(KafkaNames.queueOf("queue.orders.eu")).isEqualTo("orders.eu");
        assertThat(KafkaNames.queueOf("topic.orders")).isNull();
    }

    @Test
    void shouldMatchThePatternsKafkaTopicsExactlyAsParleysOwnMatcher() {
        List<String> topics = List.of("orders", "orders.eu", "orders.eu.nl", "orders.us", "sales.eu", "eu", "orders.eu.nl.ams");
        for (String pattern : List.of("orders.*", "orders.#", "#", "*.eu", "#.eu", "orders.*.nl", "orders.#.nl", "#.nl.#", "*")) {
            Destination.Topic topic = Destination.topic(pattern);
            Pattern regex = KafkaNames.topicPattern(topic);
            for (String name : topics) {
                assertThat(regex.matcher("topic." + name).matches())
                        .as("pattern %s against topic %s", pattern, name)
                        .isEqualTo(topic.matches(name));
                assertThat(regex.matcher("queue." + name).matches()).isFalse();
            }
        }
    }
}
