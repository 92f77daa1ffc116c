package io.parley.coordinator.core;

import io.parley.coordinator.internal.CrashPoints;
import io.parley.coordinator.participant.ParticipantLog;
import io.parley.coordinator.protocol.Decision;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.ProtocolMessage;
import io.parley.testing.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator, in a child JVM, is SIGKILLed at a named point of a transfer; the banks (in this
 * JVM) keep running. After the restart: all-or-nothing in both databases, money conserved,
 * {@code pg_prepared_xacts} empty, nothing left in doubt. A coordinator that never comes back
 * leaves the participants READY, in doubt to the operator, who resolves them.
 */
@Timeout(300)
class CoordinatorCrashTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration DECISION_REQUEST_INTERVAL = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    static CrashFixture fixture;
    static BankService bankA;
    static BankService bankB;
    static TransactionAdmin participantsAdmin;

    @BeforeAll
    static void start() {
        fixture = new CrashFixture(dir);
        // READY participants ask for the decision every 3 s: longer than a loaded machine takes from the votes to the
        // crash point and the kill, so the coordinator still alive in that window does not answer before it dies
        bankA = new BankService(fixture.broker, "a", fixture.urlA, dir.resolve("a.log"), DECISION_REQUEST_INTERVAL);
        bankB = new BankService(fixture.broker, "b", fixture.urlB, dir.resolve("b.log"), DECISION_REQUEST_INTERVAL);
        participantsAdmin = new TransactionAdmin(null, Clock.systemUTC());
        participantsAdmin.addParticipant(bankA.endpoint);
        participantsAdmin.addParticipant(bankB.endpoint);
    }

    @AfterAll
    static void stop() throws Exception {
        bankA.close();
        bankB.close();
        fixture.close();
    }

    private static ChildJvm coordinator(String nodeId, String crashPoint, int transfers) {
        List<String> options = crashPoint == null ? List.of() : List.of("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
        return ChildJvm.start(dir.resolve("logs"), options, CoordinatorProcess.class, fixture.brokerUrl(),
                dir.resolve(nodeId).toString(), nodeId, Integer.toString(transfers), "10");
    }

    /** Runs one transfer in a coordinator killed at {@code crashPoint}; returns the transaction id. */
    private static String crashCoordinatorAt(String nodeId, String crashPoint) {
        try (ChildJvm child = coordinator(nodeId, crashPoint, 1)) {
            String id = child.awaitLine("BEGIN ", DEADLINE).substring("BEGIN ".length());
            child.awaitLine(CrashPoints.MARKER + crashPoint, DEADLINE);
            child.kill();
            assertThat(child.line("OUTCOME")).isEmpty();
            fixture.awaitNoConsumers("parley.tx.coordinator." + nodeId);
            return id;
        }
    }

    private static void assertSettled(String id) {
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(fixture.prepared()).isZero();
            assertThat(bankA.endpoint.inDoubt()).isEmpty();
            assertThat(bankB.endpoint.inDoubt()).isEmpty();
        });
        assertThat(fixture.alice() + fixture.bob()).isEqualTo(2000);
        ParticipantLog.LoggedState a = bankA.endpoint.transactions().stream().filter(e -> e.transactionId().equals(id)).findFirst()
                .orElseThrow().state();
        ParticipantLog.LoggedState b = bankB.endpoint.transactions().stream().filter(e -> e.transactionId().equals(id)).findFirst()
                .orElseThrow().state();
        assertThat(a).as("both participants end the same way").isEqualTo(b);
    }

    private static boolean committedAt(BankService bank, String id) {
        return bank.endpoint.transactions().stream().anyMatch(e -> e.transactionId().equals(id) && e.state() == ParticipantLog.LoggedState.COMMIT);
    }

    @Test
    void shouldAbortWhenTheCoordinatorDiesBeforeLoggingItsDecision() {
        long alice = fixture.alice();
        String id = crashCoordinatorAt("before-log", CrashPoints.COORDINATOR_BEFORE_DECISION_LOG);
        await().atMost(DEADLINE).until(() -> bankA.endpoint.inDoubt().size() + bankB.endpoint.inDoubt().size() == 2);

        try (ChildJvm restarted = coordinator("before-log", null, 0)) {
            restarted.awaitLine("COORDINATOR READY", DEADLINE);
            assertSettled(id);
        }

        assertThat(fixture.alice()).as("presumed abort: nothing moved").isEqualTo(alice);
        assertThat(bankA.endpoint.transactions()).filteredOn(e -> e.transactionId().equals(id))
                .extracting(ParticipantLog.Entry::state).containsExactly(ParticipantLog.LoggedState.ABORT);
    }

    @Test
    void shouldCommitOnRecoveryWhenTheCoordinatorDiesAfterLoggingBeforeSendingGlobalCommit() {
        long alice = fixture.alice();
        String id = crashCoordinatorAt("after-log", CrashPoints.COORDINATOR_AFTER_LOG_BEFORE_COMMIT);
        assertThat(fixture.alice()).as("nothing committed before the restart").isEqualTo(alice);

        try (ChildJvm restarted = coordinator("after-log", null, 0)) {
            restarted.awaitLine("COORDINATOR READY", DEADLINE);
            assertSettled(id);
        }

        assertThat(fixture.alice()).isEqualTo(alice - 10);
        assertThat(bankB.endpoint.transactions()).filteredOn(e -> e.transactionId().equals(id))
                .extracting(ParticipantLog.Entry::state).containsExactly(ParticipantLog.LoggedState.COMMIT);
    }

    @Test
    void shouldFinishTheCommitOnRecoveryWhenTheCoordinatorDiesMidwayThroughSendingIt() {
        long alice = fixture.alice();
        String id = crashCoordinatorAt("mid-commit", CrashPoints.COORDINATOR_MID_COMMIT);
        await().atMost(DEADLINE).until(() -> committedAt(bankA, id) || committedAt(bankB, id));
        assertThat(committedAt(bankA, id) ? bankB.endpoint.inDoubt() : bankA.endpoint.inDoubt())
                .as("the participant whose GLOBAL_COMMIT never left stays READY").extracting(ParticipantLog.Entry::transactionId)
                .containsExactly(id);

        try (ChildJvm restarted = coordinator("mid-commit", null, 0)) {
            restarted.awaitLine("COORDINATOR READY", DEADLINE);
            assertSettled(id);
        }

        assertThat(fixture.alice()).isEqualTo(alice - 10);
    }

    @Test
    void shouldLeaveParticipantsReadyAndInDoubtWhenTheCoordinatorNeverComesBack() {
        long alice = fixture.alice();
        String id = crashCoordinatorAt("gone", CrashPoints.COORDINATOR_AFTER_LOG_BEFORE_COMMIT);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(participantsAdmin.list(AdminState.IN_DOUBT))
                .extracting(TransactionView::id).containsExactly(id, id));
        for (int i = 0; i < 2; i++) {
            ProtocolMessage ask = ProtocolMessage.fromMessage(fixture.broker.get("parley.tx.coordinator.gone", DEADLINE).orElseThrow());
            assertThat(ask.type()).as("READY participants keep asking").isEqualTo(MessageType.DECISION_REQUEST);
            assertThat(ask.transactionId()).isEqualTo(id);
        }
        assertThat(fixture.prepared()).as("READY participants stay prepared: they may not decide alone").isEqualTo(2);
        assertThat(fixture.alice()).isEqualTo(alice);

        TransactionView a = participantsAdmin.decide(id, Decision.COMMIT, "ops@bank");
        assertThat(a.operator().by()).isEqualTo("ops@bank");
        assertThat(a.operator().at()).isNotNull();
        assertThat(participantsAdmin.list(AdminState.HEURISTIC)).extracting(TransactionView::id).containsExactly(id, id);

        assertThat(participantsAdmin.list(AdminState.IN_DOUBT)).isEmpty();
        assertThat(fixture.prepared()).isZero();
        assertThat(fixture.alice()).isEqualTo(alice - 10);
        assertThat(fixture.alice() + fixture.bob()).isEqualTo(2000);
    }
}
