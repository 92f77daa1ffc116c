package io.parley.broker.artemis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtemisConfigTest {

    private final ArtemisConfig.Builder valid = ArtemisConfig.builder().dataDirectory(Path.of("data"));

    @Test
    void shouldApplyDefaults() {
        ArtemisConfig config = valid.build();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.advertisedHost()).isEqualTo("localhost");
        assertThat(config.messagingPort()).isEqualTo(61616);
        assertThat(config.journalSync()).isTrue();
        assertThat(config.maxDiskUsagePercent()).isEqualTo(90);
    }

    @Test
    void shouldAdvertiseABoundHost() {
        assertThat(valid.host("127.0.0.1").build().advertisedHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldRejectValuesOutOfRangeNamingKeyValueAndRange() {
        assertThatThrownBy(() -> valid.messagingPort(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("messagingPort 70000 is out of range 0..65535");
        assertThatThrownBy(() -> valid.messagingPort(1).maxDiskUsagePercent(0).build())
                .hasMessage("maxDiskUsagePercent 0 is out of range 1..100");
        assertThatThrownBy(() -> valid.maxDiskUsagePercent(90).globalMaxSizeBytes(1000).build())
                .hasMessage("globalMaxSizeBytes 1000 is out of range: -1 (Artemis default) or at least 1048576");
        assertThatThrownBy(() -> ArtemisConfig.builder().build())
                .hasMessage("dataDirectory is required: the directory for the journal");
    }

    @Test
    void shouldRejectAMalformedRemoteUrl() {
        assertThatThrownBy(() -> ArtemisEngine.connect("localhost:61616"))
                .hasMessage("Artemis url 'localhost:61616' is invalid: expected tcp://HOST:PORT");
    }
}
