package io.parley.broker.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigTest {

    @Test
    void shouldApplyDefaults() {
        BrokerConfig config = BrokerConfig.builder().clientId("c1").build();
        assertThat(config.nodeId()).isEqualTo("c1");
        assertThat(config.maxMessageBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(config.defaultQueueOptions().maxDeliveries()).isEqualTo(10);
    }

    @Test
    void shouldNameKeyValueAndRangeOnBadValues() {
        assertThatThrownBy(() -> BrokerConfig.builder().clientId("bad id").build())
                .hasMessage("clientId 'bad id' is invalid: allowed are 1 to 100 characters of [A-Za-z0-9_-]");
        assertThatThrownBy(() -> BrokerConfig.builder().maxMessageBytes(0).build())
                .hasMessage("maxMessageBytes 0 is out of range 1..104857600");
        assertThatThrownBy(() -> BrokerConfig.builder().syncTimeout(Duration.ZERO).build())
                .hasMessage("syncTimeout 0 ms must be positive");
    }
}
