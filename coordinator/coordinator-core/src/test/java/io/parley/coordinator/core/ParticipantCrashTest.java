package io.parley.coordinator.core;

import io.parley.coordinator.Outcome;
import io.parley.coordinator.internal.CrashPoints;
import io.parley.coordinator.protocol.MessageType;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bank b, in a child JVM, is SIGKILLed at a named point of a transfer from a to b; the coordinator
 * and bank a (in this JVM) keep running; b is restarted. Then: all-or-nothing in both databases,
 * money conserved, {@code pg_prepared_xacts} empty, no transaction active or in doubt, the
 * coordinator's log empty.
 */
@Timeout(300)
class ParticipantCrashTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static CrashFixture fixture;
    static BrokerTransactionCoordinator coordinator;
    static BankService bankA;
    static TransactionAdmin admin;

    @BeforeAll
    static void start() {
        fixture = new CrashFixture(dir);
        coordinator = BrokerTransactionCoordinator.start(fixture.broker, CoordinatorConfig.builder().nodeId("participant-crash")
                .objectStoreDirectory(dir.resolve("store")).voteTimeout(Duration.ofSeconds(3)).ackTimeout(Duration.ofSeconds(2))
                .recoveryPeriod(Duration.ofSeconds(1)).build(), Clock.systemUTC());
        bankA = new BankService(fixture.broker, "a", fixture.urlA, dir.resolve("a.log"), Duration.ofSeconds(1));
        admin = new TransactionAdmin(coordinator, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        bankA.close();
        coordinator.close();
        fixture.close();
    }

    private static ChildJvm bankB(String crashPoint) {
        List<String> options = crashPoint == null ? List.of() : List.of("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
        ChildJvm child = ChildJvm.start(dir.resolve("logs"), options, BankProcess.class, fixture.brokerUrl(), "b", fixture.urlB,
                dir.resolve("b").toString());
        child.awaitLine("BANK READY", DEADLINE);
        return child;
    }

    /** Transfers 10 from alice to bob while b dies at {@code crashPoint}; b is restarted; returns the outcome. */
    private static Transfers.Result transferWhileBankBDiesAt(String crashPoint) throws Exception {
        return transferWhileBankBDiesAt(crashPoint, () -> Transfers.transfer(coordinator, fixture.broker, "a", "alice", "b", "bob", 10));
    }

    private static Transfers.Result transferWhileBankBDiesAt(String crashPoint, Supplier<Transfers.Result> transferring) throws Exception {
        CompletableFuture<Transfers.Result> transfer;
        try (ChildJvm b = bankB(crashPoint)) {
            transfer = CompletableFuture.supplyAsync(transferring);
            b.awaitLine(CrashPoints.MARKER + crashPoint, DEADLINE);
            b.kill();
        }
        Transfers.Result result = transfer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        fixture.awaitNoConsumers("bank.b", "bank.b.tx");
        try (ChildJvm restarted = bankB(null)) {
            assertSettled(result.transactionId());
        }
        fixture.awaitNoConsumers("bank.b", "bank.b.tx");
        return result;
    }

    private static void assertSettled(String id) {
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(fixture.prepared()).isZero();
            assertThat(admin.show(id).state()).isIn(AdminState.COMMITTED, AdminState.ABORTED);
            assertThat(admin.list(AdminState.ACTIVE)).isEmpty();
            assertThat(admin.list(AdminState.IN_DOUBT)).isEmpty();
            assertThat(coordinator.loggedTransactions()).isEmpty();
        });
        assertThat(fixture.alice() + fixture.bob()).isEqualTo(2000);
    }

    @Test
    void shouldAbortWhenAParticipantDiesBeforeVoting() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_BEFORE_VOTE);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(result.outcome().reason()).contains("no vote from participant b");
        assertThat(fixture.alice()).isEqualTo(alice);
    }

    @Test
    void shouldAbortAndRollBackThePreparedWorkWhenAParticipantDiesAfterPreparingBeforeItsVoteLeft() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_AFTER_PREPARE);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(fixture.alice()).isEqualTo(alice);
    }

    @Test
    void shouldAbortAndRollBackWhenAParticipantDiesAfterPreparingWithItsLastWorkBeforeItsAnswerLeft() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_AFTER_PREPARE, () -> Transfers.transferVotingWithWork(
                coordinator, fixture.broker, "a", "alice", "b", "bob", 10, Duration.ofSeconds(5)));

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(fixture.alice()).isEqualTo(alice);
    }

    @Test
    void shouldCommitAtTheRestartedParticipantWhenItDiesAfterVotingWithItsLastWorkBeforeTheDecision() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_AFTER_VOTE, () -> Transfers.transferVotingWithWork(
                coordinator, fixture.broker, "a", "alice", "b", "bob", 10, Duration.ofSeconds(30)));

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(fixture.alice()).isEqualTo(alice - 10);
        assertThat(admin.show(result.transactionId()).timeline()).extracting(TransactionView.TimelineEvent::type)
                .doesNotContain(MessageType.VOTE_REQUEST);
    }

    @Test
    void shouldCommitAtTheRestartedParticipantWhenItDiesAfterVotingBeforeTheDecision() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_AFTER_VOTE);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(fixture.alice()).isEqualTo(alice - 10);
        assertThat(admin.show(result.transactionId()).participants()).allSatisfy(p -> assertThat(p.state()).isEqualTo("COMMIT"));
    }

    @Test
    void shouldAcknowledgeAfterRestartWhenAParticipantDiesAfterCommitPreparedBeforeItsAck() throws Exception {
        long alice = fixture.alice();

        Transfers.Result result = transferWhileBankBDiesAt(CrashPoints.PARTICIPANT_AFTER_COMMIT);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(fixture.alice()).isEqualTo(alice - 10);
        assertThat(admin.show(result.transactionId()).state()).isEqualTo(AdminState.COMMITTED);
    }
}
