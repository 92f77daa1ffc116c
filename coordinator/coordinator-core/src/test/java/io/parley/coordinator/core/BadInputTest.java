package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.coordinator.ParticipantRef;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown transactions, duplicate and late votes, messages for finished transactions and malformed
 * messages: each is logged and answered, and no outcome changes.
 */
@Timeout(120)
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestPostgres postgres;
    static ArtemisEngine engine;
    static Broker broker;
    static BrokerTransactionCoordinator coordinator;
    static BankService bankA;
    static BankService bankB;
    static String urlA;
    static TransactionAdmin admin;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start(dir);
        urlA = postgres.createBank("bank_a", "alice", 1000);
        String urlB = postgres.createBank("bank_b", "bob", 1000);
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).host("127.0.0.1").messagingPort(0).build());
        broker = Brokers.open(engine, BrokerConfig.builder().clientId("bad-input").nodeId("n1").stateDirectory(dir.resolve("client")).build());
        coordinator = BrokerTransactionCoordinator.start(broker, CoordinatorConfig.builder().nodeId("bad-input")
                .objectStoreDirectory(dir.resolve("store")).voteTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());
        bankA = new BankService(broker, "a", urlA, dir.resolve("a.log"), Duration.ofSeconds(5));
        bankB = new BankService(broker, "b", urlB, dir.resolve("b.log"), Duration.ofSeconds(5));
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

    private static String probe() {
        return "probe." + UUID.randomUUID();
    }

    private static ProtocolMessage message(MessageType type, String id, String participant, String replyTo) {
        return new ProtocolMessage(type, id, Protocol.TWO_PHASE, participant, replyTo, "");
    }

    private static ProtocolMessage next(String queue) {
        return ProtocolMessage.fromMessage(broker.get(queue, WAIT).orElseThrow(() -> new AssertionError("no answer on " + queue)));
    }

    @Test
    void shouldAnswerPresumedAbortToADecisionRequestForAnUnknownTransaction() {
        String probe = probe();
        broker.put(coordinator.queue(), message(MessageType.DECISION_REQUEST, "0:ffff7f000001:1234:5678:99", "x", probe).toMessage());
        broker.put(coordinator.queue(), message(MessageType.DECISION_REQUEST, "no-such-uid", "x", probe).toMessage());

        List<ProtocolMessage> answers = List.of(next(probe), next(probe));

        assertThat(answers).extracting(ProtocolMessage::type).containsOnly(MessageType.GLOBAL_ABORT);
        assertThat(answers).extracting(ProtocolMessage::reason).allMatch(r -> r.contains("presumed abort"));
    }

    @Test
    void shouldAnswerErrorToAMalformedMessageAndKeepServing() {
        String probe = probe();
        broker.put(coordinator.queue(), Message.builder().text("junk").header("txMessage", "VOTE_MAYBE").header("txId", "t1")
                .header("txParticipant", "x").header("txReplyTo", probe).build());
        broker.put(coordinator.queue(), Message.builder().text("junk").header("txMessage", "VOTE_COMMIT").header("txReplyTo", probe).build());

        List<ProtocolMessage> answers = List.of(next(probe), next(probe));

        assertThat(answers).extracting(ProtocolMessage::type).containsOnly(MessageType.ERROR);
        assertThat(answers).extracting(ProtocolMessage::reason).anySatisfy(r -> assertThat(r)
                .contains("header 'txMessage' = 'VOTE_MAYBE' is not one of"));
        assertThat(answers).extracting(ProtocolMessage::reason).anySatisfy(r -> assertThat(r)
                .contains("header 'txId' is missing or blank"));
        assertThat(Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 1).outcome().isCommitted()).isTrue();
    }

    @Test
    void shouldRefuseToEnlistInAnUnknownTransaction() {
        ProtocolMessage register = message(MessageType.REGISTER, "0:ffff7f000001:1:2:3", "p", "p.queue");

        ProtocolMessage answer = ProtocolMessage.fromMessage(broker.request(coordinator.queue(), register.toMessage(), WAIT));

        assertThat(answer.type()).isEqualTo(MessageType.ERROR);
        assertThat(answer.reason()).contains("is not active at coordinator");
    }

    @Test
    void shouldKeepTheOutcomeOfACommittedTransactionWhenADuplicateVoteArrives() {
        long alice = TestPostgres.balance(urlA, "alice");
        Transfers.Result done = Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 2);
        String probe = probe();

        broker.put(coordinator.queue(), message(MessageType.VOTE_COMMIT, done.transactionId(), "a", probe).toMessage());
        broker.put(coordinator.queue(), message(MessageType.VOTE_ABORT, done.transactionId(), "b", probe).toMessage());
        broker.put(coordinator.queue(), message(MessageType.ACK, done.transactionId(), "b", probe).toMessage());
        broker.put(coordinator.queue(), message(MessageType.DECISION_REQUEST, done.transactionId(), "a", probe).toMessage());

        List<ProtocolMessage> seen = new ArrayList<>();
        while (seen.stream().noneMatch(m -> m.type() == MessageType.GLOBAL_COMMIT)) {
            seen.add(next(probe));
        }
        assertThat(seen).extracting(ProtocolMessage::type).doesNotContain(MessageType.GLOBAL_ABORT);
        assertThat(admin.show(done.transactionId()).state()).isEqualTo(AdminState.COMMITTED);
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice - 2);
    }

    @Test
    void shouldAnswerGlobalAbortToAVoteThatArrivesAfterTheVoteTimeout() throws Exception {
        String participantQueue = probe();
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        tx.enlist(new ParticipantRef("slow", participantQueue));
        CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(tx::commit);
        ProtocolMessage voteRequest = next(participantQueue);
        assertThat(voteRequest.type()).isEqualTo(MessageType.VOTE_REQUEST);
        assertThat(outcome.get().status()).isEqualTo(Outcome.Status.ABORTED);

        broker.put(voteRequest.replyTo(), voteRequest.answer(MessageType.VOTE_COMMIT, participantQueue).toMessage());

        ProtocolMessage answer = next(participantQueue);
        while (answer.type() == MessageType.GLOBAL_ABORT && !answer.reason().contains("after the decision")) {
            answer = next(participantQueue); // the GLOBAL_ABORT of phase two itself comes first
        }
        assertThat(answer.type()).isEqualTo(MessageType.GLOBAL_ABORT);
        assertThat(answer.reason()).contains("vote arrived after the decision abort");
        assertThat(admin.show(tx.id()).state()).isEqualTo(AdminState.ABORTED);
    }

    @Test
    void shouldRefuseADecisionForATransactionAParticipantNeverPrepared() {
        long alice = TestPostgres.balance(urlA, "alice");
        String probe = probe();

        broker.put("bank.a.tx", message(MessageType.GLOBAL_COMMIT, "0:ffff7f000001:9:9:9", "a", probe).toMessage());
        broker.put("bank.a.tx", Message.builder().text("?").header("txMessage", "GLOBAL_COMMIT").header("txReplyTo", probe).build());

        List<ProtocolMessage> answers = List.of(next(probe), next(probe));
        assertThat(answers).extracting(ProtocolMessage::type).containsOnly(MessageType.ERROR);
        assertThat(answers).extracting(ProtocolMessage::reason).anySatisfy(r -> assertThat(r).contains("never voted commit"));
        assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(alice);
        assertThat(bankA.endpoint.transactions()).noneMatch(e -> e.transactionId().equals("0:ffff7f000001:9:9:9"));
    }
}
