package io.parley.rpc;

import io.parley.broker.Broker;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.SyncPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call mode under every call semantics, on embedded Artemis with persistence: the call
 * works, and a copy of its request (a retry as the wire sees it: same caller, epoch and request
 * id) runs the method again only when the method is idempotent; at-most-once answers the copy
 * with the first reply from the executed-request table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallModesTest {

    @TempDir
    static Path directory;
    static TestEngine engine;
    static Broker serverBroker;
    static Broker clientBroker;
    static RpcServer server;
    static CountingLedger ledger = new CountingLedger();
    static RawRequests captured = new RawRequests();
    static RpcClient client;

    @BeforeAll
    static void start() {
        engine = new TestEngine(directory);
        serverBroker = engine.broker("modes-server");
        clientBroker = engine.broker("modes-client");
        server = RpcServer.builder(serverBroker)
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("server")).workers(1).build()).build();
        server.export("ledger", Ledger.class, ledger);
        client = RpcClient.builder(clientBroker).interceptor(captured)
                .config(RpcClientConfig.builder().callerId("modes").stateDirectory(directory.resolve("client")).build()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        engine.close();
    }

    static Stream<Arguments> modesAndSemantics() {
        return Arrays.stream(CallMode.values()).flatMap(mode -> Arrays.stream(CallSemantics.values()).map(s -> Arguments.of(mode, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndSemantics")
    void shouldCallOnceAndAnswerARetriedCopyPerSemantics(CallMode mode, CallSemantics semantics) throws Exception {
        String entry = mode + "-" + semantics + "-" + UUID.randomUUID();
        boolean idempotent = semantics == CallSemantics.AT_LEAST_ONCE;

        Integer first = switch (mode) {
            case SYNC -> {
                Ledger stub = client.stub(Ledger.class, "ledger");
                yield idempotent ? stub.recordIdempotent(entry) : stub.record(entry);
            }
            case ASYNC -> {
                LedgerAsync stub = client.stub(LedgerAsync.class, "ledger");
                yield (idempotent ? stub.recordIdempotent(entry) : stub.record(entry)).get(30, TimeUnit.SECONDS);
            }
            case TICKET -> {
                LedgerTickets stub = client.stub(LedgerTickets.class, "ledger");
                Ticket<Integer> ticket = idempotent ? stub.recordIdempotent(entry) : stub.record(entry);
                yield ticket.await(Duration.ofSeconds(30)).orElseThrow();
            }
            case ONE_WAY -> {
                Ledger stub = client.stub(Ledger.class, "ledger");
                if (idempotent) {
                    stub.noteIdempotent(entry);
                } else {
                    stub.note(entry);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> ledger.executions(entry) == 1);
                yield 1;
            }
        };
        assertThat(first).isEqualTo(1);
        assertThat(ledger.executions(entry)).isEqualTo(1);

        ClientCall call = captured.last();
        assertThat(call.mode()).isEqualTo(mode);
        assertThat(call.semantics()).isEqualTo(semantics);
        Message copy = RawRequests.copy(call, client.callerId(), client.epoch(), "[\"" + entry + "\"]", 1);
        int expected = idempotent ? 2 : 1;
        if (mode == CallMode.ONE_WAY) {
            clientBroker.send(Destination.queue("rpc.ledger"), copy, SyncPoint.STORED);
            // one worker takes requests in queue order: once this call returns, the copy has been handled
            client.stub(Ledger.class, "ledger").record("barrier-" + entry);
        } else {
            Message reply = clientBroker.request("rpc.ledger", copy, Duration.ofSeconds(30));
            assertThat(reply.headers()).containsEntry(RpcHeaders.STATUS, "OK");
            assertThat(reply.bodyAsText()).as("reply to the copy").isEqualTo(Integer.toString(expected));
        }
        assertThat(ledger.executions(entry)).as("executions after a copy of the request").isEqualTo(expected);
    }

    @Test
    void shouldReadASynchronousCallsReplyOnTheCallingThread() {
        List<Thread> finishedOn = new CopyOnWriteArrayList<>();
        ClientInterceptor recordThread = new ClientInterceptor() {
            @Override
            public void afterCall(ClientCall call, RpcStatus status, Throwable failure) {
                finishedOn.add(Thread.currentThread());
            }
        };
        // a client of its own: nobody else reads its replies, so the caller reads its reply itself
        try (Broker own = engine.broker("modes-own-thread");
             RpcClient caller = RpcClient.builder(own).interceptor(recordThread).build()) {

            int recorded = caller.stub(Ledger.class, "ledger").recordIdempotent("own-thread-" + UUID.randomUUID());

            assertThat(recorded).isEqualTo(1);
        }
        assertThat(finishedOn).containsExactly(Thread.currentThread());
    }

    @Test
    void shouldRefuseARequestForAnotherServiceThatReachedThisServicesQueue() {
        String entry = "misrouted-" + UUID.randomUUID();
        client.stub(Ledger.class, "ledger").record("probe-" + entry);
        Message misrouted = RawRequests.copy(captured.last(), client.callerId(), client.epoch(), "[\"" + entry + "\"]", 1).toBuilder()
                .header(RpcHeaders.SERVICE, "payroll").header(RpcHeaders.REQUEST, "misrouted-" + UUID.randomUUID()).build();

        Message reply = clientBroker.request("rpc.ledger", misrouted, Duration.ofSeconds(30));

        assertThat(reply.headers()).containsEntry(RpcHeaders.STATUS, "NOT_FOUND");
        assertThat(reply.bodyAsText()).contains("request for service 'payroll' reached service 'ledger'");
        assertThat(ledger.executions(entry)).isZero();
    }

    @Test
    void shouldCollectATicketWithAFreshClientAfterARestart() {
        String entry = "ticket-restart-" + UUID.randomUUID();
        String saved;
        Broker first = engine.broker("ticket-holder");
        try (RpcClient before = RpcClient.builder(first)
                .config(RpcClientConfig.builder().callerId("ticket-holder").stateDirectory(directory.resolve("holder")).build()).build()) {
            saved = before.stub(LedgerTickets.class, "ledger").slowRecord(entry, 500).toString();
        }
        first.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.executions(entry) == 1);

        Broker second = engine.broker("ticket-holder");
        try (RpcClient after = RpcClient.builder(second)
                .config(RpcClientConfig.builder().callerId("ticket-holder").stateDirectory(directory.resolve("holder")).build()).build()) {
            assertThat(after.epoch()).isEqualTo(2);
            Ticket<Integer> ticket = after.ticket(saved, Integer.class);
            assertThat(ticket.await(Duration.ofSeconds(30))).contains(1);
            assertThat(ticket.isDone()).isTrue();
        }
    }

    @Test
    void shouldPollATicketWithoutBlocking() {
        LedgerTickets stub = client.stub(LedgerTickets.class, "ledger");
        Ticket<Integer> ticket = stub.slowRecord("poll-" + UUID.randomUUID(), 1500);
        assertThat(ticket.poll()).isEmpty();
        assertThat(ticket.isDone()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> ticket.poll().isPresent());
        assertThat(ticket.poll()).contains(1);
    }
}
