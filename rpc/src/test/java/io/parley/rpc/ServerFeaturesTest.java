package io.parley.rpc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.broker.Broker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Interceptors, trace context, per-method metrics, the bounded worker pool and graceful drain. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerFeaturesTest {

    /** Calls the ledger from inside a call, to show the trace continuing. */
    public interface Relay {
        String relay(String entry);
    }

    @TempDir
    static Path directory;
    static TestEngine engine;
    static Broker serverBroker;
    static Broker clientBroker;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static Map<String, String> seenByServer = new ConcurrentHashMap<>();
    static RpcServer server;
    static RpcClient client;
    static CountingLedger ledger = new CountingLedger();

    @BeforeAll
    static void start() {
        engine = new TestEngine(directory);
        serverBroker = engine.broker("features-server");
        clientBroker = engine.broker("features-client");
        RpcClient inner = RpcClient.builder(engine.broker("features-relay")).build();
        server = RpcServer.builder(serverBroker).meterRegistry(registry)
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("server")).workers(3).build())
                .interceptor((call, next) -> {
                    seenByServer.put(call.method() + ":tenant", call.headers().getOrDefault("tenant", "none"));
                    seenByServer.put(call.method() + ":traceparent", call.traceparent().orElse("none"));
                    if ("forbidden".equals(call.headers().get("tenant"))) {
                        throw new RpcException(RpcStatus.INVALID_ARGUMENT, "tenant 'forbidden' may not call " + call.method());
                    }
                    return next.proceed();
                })
                .build();
        server.export("ledger", Ledger.class, ledger);
        server.export("relay", Relay.class, entry -> inner.stub(Ledger.class, "ledger").record(entry) + " via relay");
        client = RpcClient.builder(clientBroker).interceptor(new ClientInterceptor() {
            @Override
            public void beforeSend(ClientCall call) {
                call.header("tenant", Thread.currentThread().getName().contains("forbidden") ? "forbidden" : "acme");
            }
        }).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        engine.close();
    }

    @Test
    void shouldCarryInterceptorHeadersToServerInterceptorsWhichMayRefuse() throws Exception {
        assertThat(client.stub(Ledger.class, "ledger").record("tenant-check")).isEqualTo(1);
        assertThat(seenByServer).containsEntry("record:tenant", "acme");
        List<Throwable> failures = new ArrayList<>();
        Thread forbidden = new Thread(() -> {
            try {
                client.stub(Ledger.class, "ledger").record("forbidden-entry");
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "forbidden-caller");
        forbidden.start();
        forbidden.join(60_000);
        assertThat(failures).singleElement().isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("tenant 'forbidden' may not call record");
        });
        assertThat(ledger.executions("forbidden-entry")).isZero();
    }

    @Test
    void shouldContinueTheW3cTraceInNestedCalls() {
        assertThat(client.stub(Relay.class, "relay").relay("traced")).isEqualTo("1 via relay");
        String outer = seenByServer.get("relay:traceparent");
        String inner = seenByServer.get("record:traceparent");
        assertThat(TraceParent.isValid(outer)).as(outer).isTrue();
        assertThat(TraceParent.isValid(inner)).as(inner).isTrue();
        assertThat(TraceParent.traceId(inner)).isEqualTo(TraceParent.traceId(outer));
        assertThat(inner.substring(36, 52)).as("a new span id").isNotEqualTo(outer.substring(36, 52));
    }

    @Test
    void shouldCountCallsErrorsAndLatencyPerMethod() {
        Catalogless stub = client.stub(Catalogless.class, "ledger");
        client.stub(Ledger.class, "ledger").record("metrics-1");
        assertThatThrownBy(() -> stub.nothing()).isInstanceOf(RpcException.class);
        assertThat(registry.get("parley.rpc.server.calls").tags("service", "ledger", "method", "record", "status", "OK").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("parley.rpc.server.errors").tags("service", "ledger", "method", "nothing", "status", "NOT_FOUND").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("parley.rpc.server.latency").tags("service", "ledger", "method", "record").timer().count())
                .isGreaterThanOrEqualTo(1);
    }

    /** A caller's interface with a method the ledger lacks. */
    public interface Catalogless {
        String nothing();
    }

    @Test
    void shouldRunNoMoreCallsAtOnceThanWorkers() throws Exception {
        LedgerAsync stub = client.stub(LedgerAsync.class, "ledger");
        ledger.maxRunning.set(0);
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(stub.sleep(300));
        }
        for (CompletableFuture<Long> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        assertThat(ledger.maxRunning.get()).as("calls running at once with 3 workers").isBetween(2, 3);
    }

    @Test
    void shouldDrainCallsInProgressOnClose() throws Exception {
        CountingLedger drained = new CountingLedger();
        Broker broker = engine.broker("drain-server");
        RpcServer draining = RpcServer.builder(broker)
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("drain")).workers(1).build()).build();
        draining.export("drain", Ledger.class, drained);
        drained.started = new CountDownLatch(1);
        CompletableFuture<Integer> inProgress = client.stub(LedgerAsync.class, "drain").slowRecord("drained", 1_000);
        assertThat(drained.started.await(30, TimeUnit.SECONDS)).isTrue();
        draining.close();
        assertThat(inProgress.get(30, TimeUnit.SECONDS)).as("the call in progress is answered").isEqualTo(1);
        broker.close();
    }

    @Test
    void shouldRefuseAnInterfaceMethodThatFitsNoCallMode() {
        assertThatThrownBy(() -> client.stub(BadOneWay.class, "ledger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method BadOneWay.note(String) is @OneWay but returns int: one-way methods return void");
        assertThatThrownBy(() -> server.export("tickets", LedgerTickets.class, null)).isInstanceOf(NullPointerException.class);
    }

    public interface BadOneWay {
        @OneWay
        int note(String entry);
    }

    @Test
    void shouldDecodeDurationsOfTheDefaultConfigs() {
        assertThat(RpcClientConfig.defaults().defaultDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RpcServerConfig.builder().workers(0).build()).hasMessage("workers 0 is out of range 1..256");
        assertThatThrownBy(() -> RpcClientConfig.builder().callerId("a b").build())
                .hasMessage("callerId 'a b' is invalid: allowed are 1 to 100 characters of [A-Za-z0-9_-]");
    }
}
