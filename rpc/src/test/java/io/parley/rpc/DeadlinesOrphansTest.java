package io.parley.rpc;

import io.parley.broker.Broker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Deadlines per call and per method, expired work dropped, cancellation before start, orphans of an earlier epoch. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeadlinesOrphansTest {

    /** A client view with a short per-method deadline. */
    public interface ShortLedger {
        @Deadline(millis = 300)
        @Idempotent
        long sleep(long millis);
    }

    @TempDir
    static Path directory;
    static TestEngine engine;
    static RpcServer server;
    static CountingLedger ledger = new CountingLedger();
    static Broker clientBroker;
    static RpcClient client;

    @BeforeAll
    static void start() {
        engine = new TestEngine(directory);
        server = RpcServer.builder(engine.broker("deadlines-server"))
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("server")).workers(1).build()).build();
        server.export("ledger", Ledger.class, ledger);
        clientBroker = engine.broker("deadlines-client");
        client = RpcClient.builder(clientBroker).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        engine.close();
    }

    @Test
    void shouldFailAfterThePerCallDeadlineAndInterruptTheServerWork() {
        Ledger stub = client.stub(Ledger.class, "ledger");
        int interruptedBefore = ledger.interrupted.get();
        long started = System.nanoTime();
        try (CallOptions.Scope scope = CallOptions.withDeadline(Duration.ofMillis(700))) {
            assertThatThrownBy(() -> stub.sleep(20_000))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED))
                    .hasMessageContaining("ledger.sleep").hasMessageContaining("deadline");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.interrupted.get() > interruptedBefore);
    }

    @Test
    void shouldUseThePerMethodDeadline() {
        ShortLedger stub = client.stub(ShortLedger.class, "ledger");
        assertThatThrownBy(() -> stub.sleep(5_000))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED))
                .hasMessageContaining("deadline");
    }

    @Test
    void shouldNotRunWorkWhoseDeadlinePassedInTheQueue() throws Exception {
        LedgerAsync stub = client.stub(LedgerAsync.class, "ledger");
        String late = "late-" + UUID.randomUUID();
        ledger.started = new CountDownLatch(1);
        CompletableFuture<Long> blocker = stub.sleep(1_500);
        assertThat(ledger.started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> expiring;
        try (CallOptions.Scope scope = CallOptions.withDeadline(Duration.ofMillis(400))) {
            expiring = stub.record(late);
        }
        assertThat(blocker.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1_400);
        assertThatThrownBy(() -> expiring.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(RpcException.class);
        // the worker is free again: a later call on the same queue is answered, and the expired one never ran
        assertThat(client.stub(Ledger.class, "ledger").record("after-" + late)).isEqualTo(1);
        assertThat(ledger.executions(late)).isZero();
    }

    @Test
    void shouldNotRunACallCancelledBeforeItStarted() throws Exception {
        LedgerAsync stub = client.stub(LedgerAsync.class, "ledger");
        String cancelled = "cancelled-" + UUID.randomUUID();
        ledger.started = new CountDownLatch(1);
        CompletableFuture<Long> blocker = stub.sleep(2_000);
        assertThat(ledger.started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = stub.record(cancelled);
        assertThat(queued.cancel(true)).isTrue();
        blocker.get(30, TimeUnit.SECONDS);
        assertThat(client.stub(Ledger.class, "ledger").record("after-" + cancelled)).isEqualTo(1);
        assertThat(ledger.executions(cancelled)).as("runs of the cancelled call").isZero();
    }

    @Test
    void shouldAbandonTheOrphanOfAnEarlierEpochWhenTheCallerRestarts() throws Exception {
        Path callerState = directory.resolve("orphan-caller");
        String entry = "orphan-" + UUID.randomUUID();
        Broker firstBroker = engine.broker("orphan-1");
        RpcClient first = RpcClient.builder(firstBroker)
                .config(RpcClientConfig.builder().callerId("orphaner").stateDirectory(callerState).build()).build();
        ledger.started = new CountDownLatch(1);
        int interruptedBefore = ledger.interrupted.get();
        CompletableFuture<Integer> orphan = first.stub(LedgerAsync.class, "ledger").slowRecord(entry, 20_000);
        assertThat(ledger.started.await(30, TimeUnit.SECONDS)).isTrue();

        // the same caller starts again (as after a crash): a new epoch, announced on start
        try (RpcClient second = RpcClient.builder(engine.broker("orphan-2"))
                .config(RpcClientConfig.builder().callerId("orphaner").stateDirectory(callerState).build()).build()) {
            assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.interrupted.get() > interruptedBefore);
            assertThat(second.stub(Ledger.class, "ledger").record("after-" + entry)).isEqualTo(1);
        }
        assertThat(ledger.executions(entry)).as("the orphan's side effect").isZero();
        assertThat(orphan).as("the orphan's reply is discarded").isNotDone();
        first.close();
        firstBroker.close();
    }
}
