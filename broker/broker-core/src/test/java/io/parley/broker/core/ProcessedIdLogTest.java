package io.parley.broker.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessedIdLogTest {

    @TempDir
    Path dir;

    @Test
    void shouldRememberKeysAcrossReopen() {
        Path file = dir.resolve("orders.log");
        try (ProcessedIdLog log = new ProcessedIdLog(file, 100)) {
            log.record("m1");
            log.record("m2");
            log.record("m1");
        }
        try (ProcessedIdLog reopened = new ProcessedIdLog(file, 100)) {
            assertThat(reopened.contains("m1")).isTrue();
            assertThat(reopened.contains("m2")).isTrue();
            assertThat(reopened.contains("m3")).isFalse();
            assertThat(reopened.snapshot()).hasSize(2);
        }
    }

    @Test
    void shouldCompactToTheNewestHalfBeyondCapacity() {
        Path file = dir.resolve("bounded.log");
        try (ProcessedIdLog log = new ProcessedIdLog(file, 10)) {
            for (int i = 0; i < 11; i++) {
                log.record("k" + i);
            }
            assertThat(log.contains("k0")).isFalse();
            assertThat(log.contains("k10")).isTrue();
            log.record("k11");
        }
        try (ProcessedIdLog reopened = new ProcessedIdLog(file, 10)) {
            assertThat(reopened.snapshot()).containsExactlyInAnyOrder("k6", "k7", "k8", "k9", "k10", "k11");
        }
    }
}
