package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.broker.Message;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionHeaders;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.participant.PostgresParticipant;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.Protocol;
import io.parley.coordinator.protocol.ProtocolMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(180)
class TwoPhaseCommitTest {

    @TempDir
    static Path dir;
    static TestPostgres postgres;
    static ArtemisEngine engine;
    static Broker broker;
    static BrokerTransactionCoordinator coordinator;
    static BankService bankA;
    static BankService bankB;
    static String urlA;
    static String urlB;
    static TransactionAdmin admin;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start(dir);
        urlA = postgres.createBank("bank_a", "alice", 1000);
        urlB = postgres.createBank("bank_b", "bob", 1000);
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).host("127.0.0.1").messagingPort(0).build());
        broker = Brokers.open(engine, BrokerConfig.builder().clientId("tpc-test").nodeId("n1").stateDirectory(dir.resolve("client")).build());
        coordinator = BrokerTransactionCoordinator.start(broker, CoordinatorConfig.builder().nodeId("tpc-test")
                .objectStoreDirectory(dir.resolve("store")).voteTimeout(Duration.ofSeconds(3)).ackTimeout(Duration.ofSeconds(5))
                .recoveryPeriod(Duration.ofSeconds(2)).build(), Clock.systemUTC());
        bankA = new BankService(broker, "a", urlA, dir.resolve("a.log"), Duration.ofSeconds(1));
        bankB = new BankService(broker, "b", urlB, dir.resolve("b.log"), Duration.ofSeconds(1));
        admin = new TransactionAdmin(coordinator, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        bankA.close();
        bankB.close();
        coordinator.close();
        broker.close();
        engine.close();
        postgres.close();
    }

    private static long total() {
        return TestPostgres.balance(urlA, "alice") + TestPostgres.balance(urlB, "bob");
    }

    @Test
    void shouldCommitATransferInBothDatabases() {
        long alice = TestPostgres.balance(urlA, "alice");
        long bob = TestPostgres.balance(urlB, "bob");

        Transfers.Result result = Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 10);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 10);
        assertThat(TestPostgres.balance(urlB, "bob")).isEqualTo(bob + 10);
        assertThat(TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB)).isZero();
    }

    @Test
    void shouldAbortBothSidesWhenOneParticipantCannotDoItsWork() {
        long before = total();
        long alice = TestPostgres.balance(urlA, "alice");

        Transfers.Result result = Transfers.transfer(coordinator, broker, "b", "bob", "a", "nobody", 5);

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(total()).isEqualTo(before);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
    }

    @Test
    void shouldAnswerAbortedWithTheReasonTheParticipantGaveForItsVote() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        assertThat(work(tx, "a", "alice", -3).header("status")).contains("ok");
        assertThat(work(tx, "b", "nobody", 3).header("status")).contains("error");

        Outcome outcome = tx.commit(); // committed although b's work failed: b's vote says so

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(outcome.reason()).contains("participant b voted abort")
                .contains("its work failed: account 'nobody' unknown or balance too low for 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
    }

    @Test
    void shouldAbortWhenAVoteDoesNotArriveWithinTheVoteTimeout() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        assertThat(work(tx, "a", "alice", -7).header("status")).contains("ok");
        tx.enlist(new ParticipantRef("silent", "nobody.listens.here"));

        Outcome outcome = tx.commit();

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(outcome.reason()).contains("no vote from participant silent within voteTimeout 3000 ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) == 0);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
        assertThat(admin.show(tx.id()).state()).isEqualTo(AdminState.ABORTED);
    }

    @Test
    void shouldAbortATransactionThatTimedOutBeforeCommit() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(1));
        assertThat(work(tx, "a", "alice", -3).header("status")).contains("ok");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TransactionView view = admin.show(tx.id());
            assertThat(view.state()).as("ended by the timeout, not by a later call").isEqualTo(AdminState.ABORTED);
            assertThat(view.reason()).isEqualTo("transaction timed out before commit");
        });

        Outcome outcome = tx.commit();

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(outcome.reason()).contains("timed out");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) == 0);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
    }

    @Test
    void shouldConserveMoneyUnderConcurrentTransfers() throws Exception {
        long before = total();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Transfers.Result>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean aToB = ThreadLocalRandom.current().nextBoolean();
            results.add(pool.submit(() -> aToB
                    ? Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 1 + ThreadLocalRandom.current().nextInt(20))
                    : Transfers.transfer(coordinator, broker, "b", "bob", "a", "alice", 1 + ThreadLocalRandom.current().nextInt(20))));
        }
        int committed = 0;
        for (Future<Transfers.Result> r : results) {
            if (r.get().outcome().isCommitted()) {
                committed++;
            }
        }
        pool.shutdown();

        assertThat(committed).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void shouldShowOperatorsTheTimelineOfProtocolMessages() {
        Transfers.Result result = Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 1);

        TransactionView view = admin.show(result.transactionId());
        assertThat(view.state()).isEqualTo(AdminState.COMMITTED);
        assertThat(view.participants()).extracting(TransactionView.ParticipantView::name).containsExactly("a", "b");
        assertThat(view.participants()).allSatisfy(p -> {
            assertThat(p.vote()).isEqualTo("commit");
            assertThat(p.state()).isEqualTo("COMMIT");
        });
        assertThat(view.startedAt()).isNotNull();
        assertThat(view.decidedAt()).isNotNull();
        assertThat(view.timeline()).extracting(e -> e.direction() + " " + e.type()).contains(
                "received REGISTER", "sent VOTE_REQUEST", "received VOTE_COMMIT", "sent GLOBAL_COMMIT", "received ACK");
        assertThat(admin.list(AdminState.COMMITTED)).extracting(TransactionView::id).contains(result.transactionId());
        assertThat(admin.list(AdminState.ACTIVE)).extracting(TransactionView::id).doesNotContain(result.transactionId());
        assertThat(view.timeline().get(0).type()).isEqualTo(MessageType.REGISTER);
    }

    @Test
    void shouldCommitWithoutRegisterWhenTheInitiatorEnlistedTheParticipants() {
        long alice = TestPostgres.balance(urlA, "alice");
        long bob = TestPostgres.balance(urlB, "bob");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));

        Message debit = broker.request(BankService.workQueue("a"), TransactionHeaders.injectEnlisted(tx, new ParticipantRef("a", "bank.a.tx"),
                Message.builder().text("transfer")).header("account", "alice").header("delta", "-7").build(), Duration.ofSeconds(30));
        Message credit = broker.request(BankService.workQueue("b"), TransactionHeaders.injectEnlisted(tx, new ParticipantRef("b", "bank.b.tx"),
                Message.builder().text("transfer")).header("account", "bob").header("delta", "7").build(), Duration.ofSeconds(30));
        assertThat(debit.header("status")).contains("ok");
        assertThat(credit.header("status")).contains("ok");
        Outcome outcome = tx.commit();

        assertThat(outcome.status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 7);
        assertThat(TestPostgres.balance(urlB, "bob")).isEqualTo(bob + 7);
        TransactionView view = admin.show(tx.id());
        assertThat(view.participants()).extracting(TransactionView.ParticipantView::name).containsExactlyInAnyOrder("a", "b");
        assertThat(view.timeline()).extracting(TransactionView.TimelineEvent::type).doesNotContain(MessageType.REGISTER)
                .contains(MessageType.VOTE_REQUEST, MessageType.VOTE_COMMIT, MessageType.GLOBAL_COMMIT);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
    }

    @Test
    void shouldRefuseWorkEnlistedByTheInitiatorForATransactionTheParticipantHasAlreadyAborted() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        tx.enlist(new ParticipantRef("a", "bank.a.tx"));
        assertThat(tx.rollback().status()).isEqualTo(Outcome.Status.ABORTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> bankA.endpoint.transactions().stream()
                .anyMatch(e -> e.transactionId().equals(tx.id())));

        Message late = broker.request(BankService.workQueue("a"), TransactionHeaders.inject(tx.context(), Message.builder().text("transfer"))
                .header(TransactionHeaders.ENLISTED, "a").header(TransactionHeaders.ENLISTED_QUEUE, "bank.a.tx")
                .header("account", "alice").header("delta", "-3").build(), Duration.ofSeconds(30));

        assertThat(late.header("status")).contains("error");
        assertThat(late.bodyAsText()).contains("takes no more work for transaction " + tx.id());
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
        assertThat(TestPostgres.prepared(urlA)).isZero();
    }

    @Test
    void shouldCommitWithTheVotesTheWorkAnswersCarryAndSendNoVoteRequest() {
        long alice = TestPostgres.balance(urlA, "alice");
        long bob = TestPostgres.balance(urlB, "bob");

        Transfers.Result result = Transfers.transferVotingWithWork(coordinator, broker, "a", "alice", "b", "bob", 4, Duration.ofSeconds(30));

        assertThat(result.outcome().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 4);
        assertThat(TestPostgres.balance(urlB, "bob")).isEqualTo(bob + 4);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.show(result.transactionId()).state())
                .isEqualTo(AdminState.COMMITTED));
        TransactionView view = admin.show(result.transactionId());
        assertThat(view.timeline()).extracting(e -> e.direction() + " " + e.type()).doesNotContain("sent VOTE_REQUEST")
                .contains("received VOTE_COMMIT", "sent GLOBAL_COMMIT", "received ACK");
        assertThat(view.timeline()).filteredOn(e -> e.type() == MessageType.VOTE_COMMIT)
                .extracting(TransactionView.TimelineEvent::note).containsOnly("carried by the answer to its last work");
        assertThat(view.participants()).allSatisfy(p -> assertThat(p.vote()).isEqualTo("commit"));
        assertThat(TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB)).isZero();
    }

    @Test
    void shouldAbortOnAVoteToAbortCarriedByAWorkAnswer() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        Message debit = lastWork(tx, "a", "alice", -6);
        Message credit = lastWork(tx, "b", "nobody", 6);
        assertThat(debit.header(ProtocolMessage.TYPE)).contains("VOTE_COMMIT");
        assertThat(credit.header(ProtocolMessage.TYPE)).contains("VOTE_ABORT");
        assertThat(tx.takeVote(debit)).isTrue();
        assertThat(tx.takeVote(credit)).isTrue();

        Outcome outcome = tx.commit();

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ABORTED);
        assertThat(outcome.reason()).contains("participant b voted abort").contains("could not prepare transaction " + tx.id())
                .contains("its work failed: account 'nobody' unknown or balance too low for 6");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
        assertThat(admin.show(tx.id()).timeline()).extracting(TransactionView.TimelineEvent::type).doesNotContain(MessageType.VOTE_REQUEST);
    }

    @Test
    void shouldAskAParticipantThatVotedWithItsWorkWhenTheInitiatorDoesNotTakeTheVote() {
        long bob = TestPostgres.balance(urlB, "bob");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        Message debit = lastWork(tx, "a", "alice", -2);
        Message credit = lastWork(tx, "b", "bob", 2);
        assertThat(tx.takeVote(debit)).isTrue();
        assertThat(credit.header(ProtocolMessage.TYPE)).contains("VOTE_COMMIT");
        assertThat(TestPostgres.prepared(urlB)).as("bank b prepared with its work").isEqualTo(1);

        Outcome outcome = tx.commit();

        assertThat(outcome.status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlB, "bob")).isEqualTo(bob + 2);
        assertThat(admin.show(tx.id()).timeline()).filteredOn(e -> e.type() == MessageType.VOTE_REQUEST)
                .extracting(TransactionView.TimelineEvent::participant).containsExactly("b");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB) == 0);
    }

    @Test
    void shouldRefuseAVoteForAnotherTransactionOrFromAParticipantThatIsNotEnlisted() {
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        GlobalTransaction other = coordinator.begin(Duration.ofSeconds(60));
        Message answer = lastWork(tx, "a", "alice", -1);
        Message forged = new ProtocolMessage(MessageType.VOTE_COMMIT, tx.id(), Protocol.TWO_PHASE, "stranger", "stranger.tx", "")
                .into(Message.builder().text("ok")).build();
        Message notAVote = new ProtocolMessage(MessageType.ACK, tx.id(), Protocol.TWO_PHASE, "a", "bank.a.tx", "")
                .into(Message.builder().text("ok")).build();

        assertThatThrownBy(() -> other.takeVote(answer)).isInstanceOf(TransactionException.class)
                .hasMessageContaining("carries a vote for transaction " + tx.id());
        assertThatThrownBy(() -> tx.takeVote(forged)).isInstanceOf(TransactionException.class)
                .hasMessageContaining("participant stranger at stranger.tx, which is not enlisted");
        assertThatThrownBy(() -> tx.takeVote(notAVote)).isInstanceOf(TransactionException.class).hasMessageContaining("carries ACK, not a vote");
        assertThat(tx.takeVote(Message.text("no vote here"))).isFalse();
        assertThat(tx.takeVote(answer)).isTrue();
        assertThat(tx.takeVote(answer)).as("a vote already in").isFalse();

        assertThat(tx.commit().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(other.rollback().status()).isEqualTo(Outcome.Status.ABORTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.prepared(urlA) == 0);
    }

    @Test
    void shouldRefuseWorkAfterTheParticipantVotedWithItsLastWork() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        Message first = lastWork(tx, "a", "alice", -5);
        assertThat(tx.takeVote(first)).isTrue();

        Message more = work(tx, "a", "alice", -100);

        assertThat(more.header("status")).contains("error");
        assertThat(more.bodyAsText()).contains("takes no more work for transaction " + tx.id() + ": it is READY here");
        assertThatThrownBy(() -> bankA.database.work(tx.id(), c -> null)).as("the database alone refuses it too")
                .isInstanceOf(TransactionException.class).hasMessageContaining("is already prepared or ended here; it takes no more work");
        assertThat(tx.commit().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 5);
    }

    @Test
    void shouldRefuseWorkForATransactionPreparedBeforeTheParticipantRestarted() {
        long alice = TestPostgres.balance(urlA, "alice");
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        assertThat(tx.takeVote(lastWork(tx, "a", "alice", -8))).isTrue();

        try (PostgresParticipant restarted = new PostgresParticipant("a", urlA, null, null)) {
            assertThat(restarted.prepared()).contains(tx.id());
            assertThatThrownBy(() -> restarted.work(tx.id(), c -> null))
                    .isInstanceOf(TransactionException.class).hasMessageContaining("is already prepared or ended here; it takes no more work");
        }
        assertThat(tx.commit().status()).isEqualTo(Outcome.Status.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 8);
    }

    /** Sends {@code bank} work in {@code tx} and answers the bank's answer. */
    private static Message work(GlobalTransaction tx, String bank, String account, long delta) {
        return broker.request(BankService.workQueue(bank), BankService.request(tx.context(), account, delta), Duration.ofSeconds(30));
    }

    /** Sends {@code bank} work marked as its last in {@code tx} and answers the bank's answer. */
    private static Message lastWork(GlobalTransaction tx, String bank, String account, long delta) {
        return broker.request(BankService.workQueue(bank), BankService.lastWorkRequest(tx.context(), account, delta), Duration.ofSeconds(30));
    }
}
