package io.parley.rpc.crash;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.rpc.ClientCall;
import io.parley.rpc.ClientInterceptor;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcClientConfig;
import io.parley.rpc.RpcException;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import io.parley.rpc.RpcStatus;
import io.parley.testing.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * RPC failure classes tested by crashing: child JVMs killed with SIGKILL mid-call.
 * <ul>
 *   <li>server crash after the side effect, before the reply: the client's retries and the
 *       redelivered request are answered OUTCOME_UNKNOWN by the restarted server — the deposit
 *       happened exactly once, never twice;</li>
 *   <li>server down while the client retries, then restarted: the copies run the deposit once and
 *       the client gets its reply; a copy sent after another SIGKILL and restart (a lost reply) is
 *       answered from the durable table, still once;</li>
 *   <li>client crash mid-call: the restarted caller's new epoch makes the server abandon (interrupt)
 *       the orphan and discard its reply;</li>
 *   <li>client crash after a deferred-synchronous call: no orphan — the call runs to its end and the
 *       restarted client collects the reply with the ticket it printed.</li>
 * </ul>
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RpcCrashTest {

    /** The client's view of {@link Bank}, asynchronous. */
    public interface AsyncBank {
        CompletableFuture<Integer> deposit(String account, int amount);
    }

    @TempDir
    static Path directory;
    static ArtemisEngine engine;
    static Broker clientBroker;

    @BeforeAll
    static void start() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(directory.resolve("journal")).messagingPort(0).build());
        engine.start();
        clientBroker = Brokers.open(engine, BrokerConfig.builder().clientId("crash-client").stateDirectory(directory.resolve("client-broker")).build());
    }

    @AfterAll
    static void stop() {
        clientBroker.close();
        engine.close();
    }

    private static ChildJvm bankServer(Path state, Path ledger, boolean hang) {
        ChildJvm child = ChildJvm.start(directory.resolve("logs"), BankServerMain.class, childUrl(), state.toString(),
                ledger.toString(), Boolean.toString(hang));
        await().atMost(Duration.ofSeconds(60)).until(() -> child.stdout().contains("READY") || !child.isAlive());
        assertThat(child.isAlive()).as("bank server started; stderr:\n%s", child.stderr()).isTrue();
        return child;
    }

    /** The engine's URL for a child JVM: a short connection TTL, so the engine notices a SIGKILLed child within seconds. */
    private static String childUrl() {
        return engine.messagingUrl() + "?connectionTTL=3000&clientFailureCheckPeriod=1000";
    }

    private static long deposits(Path ledger, String account) throws Exception {
        if (!Files.exists(ledger)) {
            return 0;
        }
        return Files.readAllLines(ledger).stream().filter(l -> l.startsWith(account + " ")).count();
    }

    private static RpcClient client(String callerId, List<ClientCall> calls) {
        return RpcClient.builder(clientBroker)
                .interceptor(new ClientInterceptor() {
                    @Override
                    public void beforeSend(ClientCall call) {
                        calls.add(call);
                    }
                })
                .config(RpcClientConfig.builder().callerId(callerId).stateDirectory(directory.resolve(callerId))
                        .attemptTimeout(Duration.ofSeconds(1)).defaultDeadline(Duration.ofSeconds(120)).build())
                .build();
    }

    @Test
    void shouldNeverRunADepositTwiceWhenTheServerIsKilledMidCall() throws Exception {
        Path state = directory.resolve("bank-mid-call");
        Path ledger = directory.resolve("ledger-mid-call.txt");
        List<ClientCall> calls = new CopyOnWriteArrayList<>();
        try (RpcClient client = client("depositor-1", calls)) {
            CompletableFuture<Integer> deposit;
            try (ChildJvm server = bankServer(state, ledger, true)) {
                deposit = client.stub(AsyncBank.class, "bank").deposit("alice", 100);
                await().atMost(Duration.ofSeconds(60)).until(() -> server.stdout().contains("EFFECT alice"));
                server.kill();
            }
            assertThat(deposits(ledger, "alice")).isEqualTo(1);
            assertThat(deposit).isNotDone();

            try (ChildJvm restarted = bankServer(state, ledger, false)) {
                assertThatThrownBy(() -> deposit.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(RpcException.class, e -> {
                            assertThat(e.status()).isEqualTo(RpcStatus.OUTCOME_UNKNOWN);
                            assertThat(e.getMessage()).contains("was running when the server stopped");
                        });
                // the original request, redelivered to the restarted server, and any late copies: never run again
                assertThat(client.stub(Bank.class, "bank").deposit("bob", 1)).isEqualTo(1);
                // the original request, held by the killed server's consumer, is redelivered once the engine
                // notices the dead connection (connectionTTL below); it is answered, never run
                await().atMost(Duration.ofSeconds(60)).until(() -> queueDepth("rpc.bank") == 0);
                assertThat(deposits(ledger, "alice")).as("deposits of the call cut off by SIGKILL").isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRunADepositExactlyOnceAcrossServerCrashesAndRetries() throws Exception {
        Path state = directory.resolve("bank-retries");
        Path ledger = directory.resolve("ledger-retries.txt");
        List<ClientCall> calls = new CopyOnWriteArrayList<>();
        try (RpcClient client = client("depositor-2", calls)) {
            bankServer(state, ledger, false).kill();
            // the server is down: the client sends copy after copy of the request
            CompletableFuture<Integer> deposit = client.stub(AsyncBank.class, "bank").deposit("carol", 50);
            ClientCall call = calls.get(calls.size() - 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> queueDepth("rpc.bank") >= 3);
            try (ChildJvm server = bankServer(state, ledger, false)) {
                assertThat(deposit.get(60, TimeUnit.SECONDS)).isEqualTo(1);
                await().atMost(Duration.ofSeconds(60)).until(() -> queueDepth("rpc.bank") == 0);
                server.kill();
            }
            assertThat(deposits(ledger, "carol")).isEqualTo(1);

            // the reply was lost, say: the client tries once more, against the server restarted after another SIGKILL
            try (ChildJvm server = bankServer(state, ledger, false)) {
                Message copy = Message.builder().body("[\"carol\",50]".getBytes(StandardCharsets.UTF_8), "application/json")
                        .header("rpc_service", "bank").header("rpc_method", "deposit").header("rpc_arity", "2")
                        .header("rpc_caller", client.callerId()).header("rpc_epoch", Long.toString(client.epoch()))
                        .header("rpc_request", call.requestId()).header("rpc_deadline", Long.toString(call.deadline().toEpochMilli()))
                        .header("rpc_mode", "SYNC").header("rpc_semantics", "AT_MOST_ONCE").build();
                Message reply = clientBroker.request("rpc.bank", copy, Duration.ofSeconds(60));
                assertThat(reply.headers()).containsEntry("rpc_status", "OK");
                assertThat(reply.bodyAsText()).isEqualTo("1");
                assertThat(server.isAlive()).isTrue();
            }
            assertThat(deposits(ledger, "carol")).as("deposits after crashes and retries").isEqualTo(1);
        }
    }

    private static long queueDepth(String queue) {
        return clientBroker.queues().stream().filter(q -> q.name().equals(queue)).mapToLong(q -> q.depth()).sum();
    }

    @Test
    void shouldAbandonTheOrphanOfACallerKilledMidCall() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Broker serverBroker = Brokers.open(engine, BrokerConfig.builder().clientId("slow-server").stateDirectory(directory.resolve("slow-broker")).build());
        try (RpcServer server = RpcServer.builder(serverBroker).meterRegistry(registry)
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("slow-rpc")).workers(2).build()).build()) {
            server.export("slow", CallerMain.Slow.class, millis -> {
                started.countDown();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
                finished.incrementAndGet();
                return millis;
            });
            Path callerState = directory.resolve("caller");
            try (ChildJvm caller = ChildJvm.start(directory.resolve("logs"), CallerMain.class, childUrl(),
                    callerState.toString(), "crashy", "block")) {
                assertThat(started.await(60, TimeUnit.SECONDS)).as("call started; caller stderr:\n%s", caller.stderr()).isTrue();
                assertThat(caller.stdout()).contains("EPOCH 1");
                caller.kill();
            }
            assertThat(interrupted.get()).as("the orphan still runs while nobody says otherwise").isZero();

            try (ChildJvm restarted = ChildJvm.start(directory.resolve("logs"), CallerMain.class, childUrl(),
                    callerState.toString(), "crashy", "restart")) {
                assertThat(restarted.waitFor(Duration.ofSeconds(60))).as("restarted caller; stderr:\n%s", restarted.stderr()).isZero();
                assertThat(restarted.stdout()).contains("EPOCH 2");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> interrupted.get() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    registry.find("parley.rpc.server.orphans").tags("service", "slow").counter() != null
                            && registry.get("parley.rpc.server.orphans").tags("service", "slow").counter().count() >= 1);
            assertThat(finished.get()).isZero();
            assertThat(registry.find("parley.rpc.server.calls").tags("service", "slow", "status", "OK").counter()).isNull();
        } finally {
            serverBroker.close();
        }
    }

    @Test
    void shouldCollectATicketAfterTheCallerIsKilled() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        Broker serverBroker = Brokers.open(engine, BrokerConfig.builder().clientId("ticket-server").stateDirectory(directory.resolve("ticket-broker")).build());
        try (RpcServer server = RpcServer.builder(serverBroker)
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("ticket-rpc")).workers(1).build()).build()) {
            server.export("slow", CallerMain.Slow.class, millis -> {
                Thread.sleep(millis);
                finished.incrementAndGet();
                return millis;
            });
            Path callerState = directory.resolve("ticket-caller");
            String ticket;
            try (ChildJvm caller = ChildJvm.start(directory.resolve("logs"), CallerMain.class, childUrl(),
                    callerState.toString(), "ticketer", "ticket")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> caller.stdout().contains("TICKET ") || !caller.isAlive());
                String line = caller.stdout().lines().filter(l -> l.startsWith("TICKET ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no ticket; stderr:\n" + caller.stderr()));
                ticket = line.substring("TICKET ".length());
                caller.kill();
            }
            try (ChildJvm collector = ChildJvm.start(directory.resolve("logs"), CallerMain.class, childUrl(),
                    callerState.toString(), "ticketer", "collect", ticket)) {
                assertThat(collector.waitFor(Duration.ofSeconds(90))).as("collector; stderr:\n%s", collector.stderr()).isZero();
                assertThat(collector.stdout()).contains("EPOCH 2", "COLLECTED 2000");
            }
            assertThat(finished.get()).as("the ticket's call ran to its end, once").isEqualTo(1);
        } finally {
            serverBroker.close();
        }
    }
}
