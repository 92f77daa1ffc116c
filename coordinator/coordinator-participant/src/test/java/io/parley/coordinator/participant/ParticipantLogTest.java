package io.parley.coordinator.participant;

import io.parley.coordinator.participant.ParticipantLog.Entry;
import io.parley.coordinator.participant.ParticipantLog.LoggedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantLogTest {

    @TempDir
    Path dir;

    @Test
    void shouldReplayTheLastStateOfEveryTransactionWithItsCoordinatorAndOperator() {
        Path file = dir.resolve("p.log");
        Instant at = Instant.parse("2026-11-21T20:00:00Z");
        try (ParticipantLog log = ParticipantLog.open(file)) {
            log.record("t1", LoggedState.PREPARING, "coord.q");
            log.record("t1", LoggedState.READY, null);
            log.record("t1", LoggedState.COMMIT, null);
            log.record("t2", LoggedState.PREPARING, "coord.q");
            log.record("t2", LoggedState.ABORT, null);
            log.record("t3", LoggedState.PREPARING, "coord.r");
            log.record("t3", LoggedState.READY, null);
            log.record("t4", LoggedState.PREPARING, "coord.r");
            log.record("t4", LoggedState.READY, null);
            log.recordOperatorDecision("t4", LoggedState.ABORT, "ops on call", at);
        }

        try (ParticipantLog log = ParticipantLog.open(file)) {
            assertThat(log.entry("t1")).get().extracting(Entry::state, Entry::coordinatorQueue).containsExactly(LoggedState.COMMIT, "coord.q");
            assertThat(log.entry("t2")).get().extracting(Entry::state).isEqualTo(LoggedState.ABORT);
            assertThat(log.inState(LoggedState.READY)).extracting(Entry::transactionId).containsExactly("t3");
            assertThat(log.entry("t4")).get().extracting(Entry::state, Entry::decidedBy, Entry::decidedAt, Entry::coordinatorQueue)
                    .containsExactly(LoggedState.ABORT, "ops_on_call", at, "coord.r");
        }
    }

    @Test
    void shouldIgnoreATornLastLineLeftByACrash() throws Exception {
        Path file = dir.resolve("torn.log");
        try (ParticipantLog log = ParticipantLog.open(file)) {
            log.record("t1", LoggedState.PREPARING, "coord.q");
        }
        Files.writeString(file, "REA", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (ParticipantLog log = ParticipantLog.open(file)) {
            assertThat(log.all()).extracting(Entry::transactionId, Entry::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("t1", LoggedState.PREPARING));
            log.record("t1", LoggedState.READY, null);
        }
        try (ParticipantLog log = ParticipantLog.open(file)) {
            assertThat(log.entry("t1")).get().extracting(Entry::state).isEqualTo(LoggedState.READY);
        }
    }
}
