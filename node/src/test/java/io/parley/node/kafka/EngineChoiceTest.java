package io.parley.node.kafka;

import io.parley.common.ParleyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineChoiceTest {

    @Test
    void shouldDefaultToTheEmbeddedArtemisEngine() {
        assertThat(EngineChoice.builder().build()).isEqualTo(EngineChoice.ARTEMIS);
    }

    @Test
    void shouldShowTheClusterAsTheMessagingUrlOfAKafkaNode() {
        EngineChoice kafka = EngineChoice.builder().kind("KAFKA").kafkaBootstrap("k1:9092,k2:9092").build();

        assertThat(kafka.kind()).isEqualTo(EngineChoice.Kind.KAFKA);
        assertThat(kafka.kafkaMessagingUrl()).isEqualTo("kafka://k1:9092,k2:9092");
    }

    @Test
    void shouldRefuseAnUnknownEngineNamingTheValueAndTheChoices() {
        assertThatThrownBy(() -> EngineChoice.builder().kind("rabbit"))
                .isInstanceOf(ParleyException.class)
                .hasMessageContaining("engine 'rabbit'").hasMessageContaining("artemis, kafka");
    }

    @Test
    void shouldRefuseKafkaWithoutABootstrapAndABootstrapWithoutKafka() {
        assertThatThrownBy(() -> EngineChoice.builder().kind("kafka").build())
                .hasMessageContaining("kafka-bootstrap").hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> EngineChoice.builder().kafkaBootstrap("k1:9092").build())
                .hasMessageContaining("kafka-bootstrap 'k1:9092'").hasMessageContaining("--engine kafka");
    }

    @Test
    void shouldRefuseABadBootstrapListAndALockOutOfRange() {
        assertThatThrownBy(() -> EngineChoice.builder().kafkaBootstrap("k1"))
                .hasMessageContaining("kafka-bootstrap 'k1'").hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> EngineChoice.builder().kafkaRecordLockMs(10))
                .hasMessageContaining("kafka-record-lock-ms 10").hasMessageContaining("1000..3600000");
    }
}
