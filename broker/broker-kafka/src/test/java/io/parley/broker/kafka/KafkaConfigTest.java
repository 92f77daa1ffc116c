package io.parley.broker.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaConfigTest {

    @Test
    void shouldTakeOneOrSeveralBootstrapServers() {
        assertThat(KafkaConfig.of("kafka-1:9092").bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(KafkaConfig.of(" kafka-1:9092,10.0.0.2:9093,[::1]:9094 ").bootstrapServers()).isEqualTo("kafka-1:9092,10.0.0.2:9093,[::1]:9094");
    }

    @Test
    void shouldRefuseABootstrapListThatIsNotHostPortNamingTheValueAndTheRule() {
        assertThatThrownBy(() -> KafkaConfig.of("kafka-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kafka-1'").hasMessageContaining(BootstrapServers.RULE);
        assertThatThrownBy(() -> KafkaConfig.of("kafka-1:9092,kafka-2:70000"))
                .hasMessageContaining("'kafka-2:70000'");
        assertThatThrownBy(() -> KafkaConfig.of(""))
                .hasMessageContaining("missing");
    }

    @Test
    void shouldRefuseALockDurationOutsideKafkasRange() {
        assertThatThrownBy(() -> KafkaConfig.builder().bootstrapServers("k:9092").recordLockDuration(Duration.ofMillis(999)).build())
                .hasMessageContaining("recordLockDuration 999 ms").hasMessageContaining("1000..3600000");
    }

    @Test
    void shouldRefusePartitionsAndPollRecordsOutOfRange() {
        assertThatThrownBy(() -> KafkaConfig.builder().bootstrapServers("k:9092").partitions(0).build())
                .hasMessageContaining("partitions 0").hasMessageContaining("1..10000");
        assertThatThrownBy(() -> KafkaConfig.builder().bootstrapServers("k:9092").maxPollRecords(0).build())
                .hasMessageContaining("maxPollRecords 0");
        assertThatThrownBy(() -> KafkaConfig.builder().replicationFactor(0))
                .hasMessageContaining("replicationFactor 0");
    }
}
