package io.parley.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The durable executed-request table: replay after restart, torn records, bounds, exclusive use. */
class ExecutedRequestsTest {

    @TempDir
    Path directory;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    private ExecutedRequests open(int maxEntries) {
        return new ExecutedRequests(directory, Duration.ofMinutes(10), maxEntries, clock);
    }

    @Test
    void shouldAnswerFromTheTableAfterARestartAndReportRequestsCutOffMidRun() {
        Instant deadline = clock.now.plusSeconds(30);
        try (ExecutedRequests table = open(100)) {
            assertThat(table.begin("c", 1, "r1", deadline)).isInstanceOf(ExecutedRequests.Begin.Run.class);
            table.done("c", "r1", "OK", "application/json", "42".getBytes(StandardCharsets.UTF_8));
            assertThat(table.begin("c", 1, "r2", deadline)).isInstanceOf(ExecutedRequests.Begin.Run.class);
            assertThat(table.begin("c", 1, "r2", deadline)).isInstanceOf(ExecutedRequests.Begin.Running.class);
        }
        try (ExecutedRequests table = open(100)) {
            assertThat(table.begin("c", 1, "r1", deadline)).isInstanceOfSatisfying(ExecutedRequests.Begin.Done.class, done -> {
                assertThat(done.status()).isEqualTo("OK");
                assertThat(new String(done.body(), StandardCharsets.UTF_8)).isEqualTo("42");
                assertThat(done.contentType()).isEqualTo("application/json");
            });
            assertThat(table.begin("c", 1, "r2", deadline)).isInstanceOf(ExecutedRequests.Begin.Crashed.class);
        }
    }

    @Test
    void shouldCutOffATornLastRecord() throws Exception {
        Instant deadline = clock.now.plusSeconds(30);
        try (ExecutedRequests table = open(100)) {
            table.begin("c", 1, "r1", deadline);
            table.done("c", "r1", "OK", "application/json", new byte[0]);
        }
        Files.writeString(directory.resolve("executed-requests.log"), "D 1 2 c 1 r2 O", StandardOpenOption.APPEND);
        try (ExecutedRequests table = open(100)) {
            assertThat(table.begin("c", 1, "r1", deadline)).isInstanceOf(ExecutedRequests.Begin.Done.class);
            assertThat(table.begin("c", 1, "r2", deadline)).isInstanceOf(ExecutedRequests.Begin.Run.class);
        }
    }

    @Test
    void shouldRefuseNewRequestsWhenFullOfEntriesWithinTheirDeadlinesAndEvictExpiredOnes() {
        try (ExecutedRequests table = open(10)) {
            for (int i = 0; i < 10; i++) {
                table.begin("c", 1, "r" + i, clock.now.plusSeconds(30));
                table.done("c", "r" + i, "OK", "application/json", new byte[0]);
            }
            assertThatThrownBy(() -> table.begin("c", 1, "r10", clock.now.plusSeconds(30)))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED))
                    .hasMessage("executed-request table holds 10 requests still within their deadlines (maxEntries 10): try again later");
            clock.now = clock.now.plusSeconds(31);
            assertThat(table.begin("c", 1, "r10", clock.now.plusSeconds(30))).isInstanceOf(ExecutedRequests.Begin.Run.class);
            assertThat(table.size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void shouldDropEntriesOlderThanTheRetentionAndRefuseDeadlinesBeyondIt() {
        try (ExecutedRequests table = open(100)) {
            table.begin("c", 1, "old", clock.now.plusSeconds(30));
            table.done("c", "old", "OK", "application/json", new byte[0]);
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertThat(table.begin("c", 1, "new", clock.now.plusSeconds(30))).isInstanceOf(ExecutedRequests.Begin.Run.class);
            assertThat(table.snapshot()).doesNotContainKey("c/old").containsKey("c/new");
            assertThatThrownBy(() -> table.begin("c", 1, "far", clock.now.plus(Duration.ofMinutes(11))))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                    .hasMessageContaining("beyond the server's at-most-once retention of 600000 ms");
        }
    }

    @Test
    void shouldCompactTheLogKeepingLiveEntries() throws Exception {
        try (ExecutedRequests table = open(100)) {
            for (int i = 0; i < 1_200; i++) {
                table.begin("c", 1, "r" + i, clock.now.plusMillis(50));
                table.done("c", "r" + i, "OK", "application/json", ("" + i).getBytes(StandardCharsets.UTF_8));
                clock.now = clock.now.plusMillis(100);
            }
            assertThat(Files.readAllLines(directory.resolve("executed-requests.log")).size()).isLessThan(2_400);
        }
        try (ExecutedRequests table = open(100)) {
            assertThat(table.begin("c", 1, "r1199", clock.now)).isInstanceOfSatisfying(ExecutedRequests.Begin.Done.class,
                    done -> assertThat(new String(done.body(), StandardCharsets.UTF_8)).isEqualTo("1199"));
        }
    }

    @Test
    void shouldRefuseASecondServerOnTheSameStateDirectory() {
        try (ExecutedRequests table = open(100)) {
            assertThatThrownBy(() -> open(100)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another RPC server");
        }
    }
}
