package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.Ticket;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.SessionMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.parley.broker.tck.Waits.eventually;
import static io.parley.broker.tck.Waits.throughout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request/reply: blocking with a deadline, {@code requestAsync}, and deferred-synchronous tickets
 * whose replies wait in the client's durable mailbox, collected later, also by a new broker client
 * with the same client id. On engines with SELECTORS the broker picks a ticket's reply out of the
 * client's mailbox by the ticket id; on the others each ticket has a mailbox queue of its own.
 * A thread blocked for its reply reads the reply queue itself where the engine's consumer may
 * pass between threads, and requests from many threads at once are each answered.
 */
@ConformanceSuite
public abstract class RequestReplyConformance {

    private static final Duration SHORT_DEADLINE = Duration.ofMillis(300);

    private TckEngine tck;
    private Broker client;
    private String service;

    @BeforeEach
    void openClient(TckEngine tck) {
        this.tck = tck;
        this.client = tck.openBroker();
        this.service = tck.name("service");
        client.declareQueue(service, QueueOptions.DEFAULT);
    }

    /** Starts a service on its own broker that answers each request with {@code re: <body>}. */
    private RecordingHandler startEchoService() {
        RecordingHandler requests = RecordingHandler.recording();
        tck.openBroker().notify(service, delivery -> {
            requests.onMessage(delivery);
            delivery.reply(Message.text("re: " + delivery.message().bodyAsText()));
        }, ConsumerOptions.DEFAULT);
        return requests;
    }

    @Test
    void shouldReturnTheReplyToABlockingRequest() {
        startEchoService();
        Message request = Message.text("ping");

        Message reply = client.request(service, request, Waits.RECEIVE);

        assertThat(reply.bodyAsText()).isEqualTo("re: ping");
        assertThat(reply.correlationId()).hasValue(request.id());
    }

    @Test
    void shouldDeliverAReplySentWithoutWaitingAndCompleteItsFutureOnceStored() {
        CompletableFuture<CompletableFuture<Void>> stored = new CompletableFuture<>();
        tck.openBroker().notify(service, delivery -> stored.complete(delivery.replyAsync(Message.text("re: " + delivery.message().bodyAsText()))),
                ConsumerOptions.DEFAULT);
        Message request = Message.text("fast");

        Message reply = client.request(service, request, Waits.RECEIVE);

        assertThat(reply.bodyAsText()).isEqualTo("re: fast");
        assertThat(reply.correlationId()).hasValue(request.id());
        assertThat(stored).succeedsWithin(Waits.RECEIVE).satisfies(f -> assertThat(f).succeedsWithin(Waits.RECEIVE));
    }

    @Test
    void shouldDeliverAReplySentFromAnotherThreadThanTheHandlers() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // a handler's replies go out on its consumer's session from its own thread; from elsewhere, another way
            tck.openBroker().notify(service, delivery -> other.submit(() -> delivery.reply(Message.text("re: " + delivery.message().bodyAsText())))
                    .get(Waits.RECEIVE.toMillis(), TimeUnit.MILLISECONDS), ConsumerOptions.DEFAULT);
            Message request = Message.text("handed over");

            Message reply = client.request(service, request, Waits.RECEIVE);

            assertThat(reply.bodyAsText()).isEqualTo("re: handed over");
            assertThat(reply.correlationId()).hasValue(request.id());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void shouldThrowDeadlineExceededWhenNobodyRepliesInTime() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.request(service, Message.text("anyone?"), SHORT_DEADLINE))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining(service);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(SHORT_DEADLINE.minusMillis(20)).isLessThan(SHORT_DEADLINE.plus(Waits.RECEIVE));
    }

    @Test
    void shouldCompleteAnAsyncRequestWhenTheReplyArrives() {
        Message request = Message.text("later");

        CompletableFuture<Message> reply = client.requestAsync(service, request, Waits.EVENTUALLY);
        throughout().until(() -> !reply.isDone());
        startEchoService();

        assertThat(reply).succeedsWithin(Waits.EVENTUALLY).satisfies(m -> {
            assertThat(m.bodyAsText()).isEqualTo("re: later");
            assertThat(m.correlationId()).hasValue(request.id());
        });
    }

    @Test
    void shouldFailAnAsyncRequestWithDeadlineExceededWhenNobodyReplies() {
        CompletableFuture<Message> reply = client.requestAsync(service, Message.text("anyone?"), SHORT_DEADLINE);

        assertThat(reply).failsWithin(Waits.EVENTUALLY)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void shouldMatchEachOfManyConcurrentRequestsWithItsOwnReply() {
        startEchoService();
        List<CompletableFuture<Message>> replies = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            replies.add(client.requestAsync(service, Message.text("n" + i), Waits.EVENTUALLY));
        }

        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i)).succeedsWithin(Waits.EVENTUALLY).extracting(Message::bodyAsText).isEqualTo("re: n" + i);
        }
    }

    @Test
    void shouldReadTheReplyToABlockingRequestOnTheCallingThreadWhereTheEngineAllows() throws Exception {
        startEchoService();
        boolean handOff;
        try (EngineSession session = tck.engine().openSession(SessionMode.ACK_ON_DELIVERY);
             EngineConsumer probe = session.consumer(ConsumerSpec.queue(tck.name("probe"), 0))) {
            handOff = probe.supportsHandOff();
        }

        Thread completedOn = client.awaitReplies(() -> client.requestAsync(service, Message.text("who reads?"), Waits.RECEIVE)
                .thenApply(reply -> Thread.currentThread()), Waits.RECEIVE);

        if (handOff) {
            assertThat(completedOn).isSameAs(Thread.currentThread()); // nobody else was reading: no hand-off
        } else {
            assertThat(completedOn).isNotSameAs(Thread.currentThread()).extracting(Thread::getName).asString().startsWith("parley-replies-");
        }
    }

    @Test
    void shouldAnswerBlockingAndAsyncRequestsFromManyThreadsAtOnce() throws Exception {
        startEchoService();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(callers.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        String body = thread + "/" + i;
                        // every third one asynchronous: its reply is read by whichever thread reads then
                        CompletableFuture<Message> async = i % 3 == 0 ? client.requestAsync(service, Message.text(body + "a"), Waits.EVENTUALLY) : null;
                        String reply = client.request(service, Message.text(body), Waits.EVENTUALLY).bodyAsText();
                        if (!reply.equals("re: " + body)) {
                            mismatches.add(body + " -> " + reply);
                        }
                        if (async != null && !async.get(Waits.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS).bodyAsText().equals("re: " + body + "a")) {
                            mismatches.add(body + "a");
                        }
                    }
                    return mismatches;
                }));
            }

            for (Future<List<String>> result : results) {
                assertThat(result.get(Waits.EVENTUALLY.toMillis() * 2, TimeUnit.MILLISECONDS)).isEmpty();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldEndABlockingRequestWhoseThreadIsInterruptedAndStillAnswerOthers() {
        startEchoService();
        assertThat(client.request(service, Message.text("before"), Waits.RECEIVE).bodyAsText()).isEqualTo("re: before");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiting = blockedRequest(failure);

        waiting.interrupt();

        assertThat(failure).succeedsWithin(Waits.RECEIVE).isInstanceOf(BrokerClosedException.class);
        assertThat(client.request(service, Message.text("after"), Waits.RECEIVE).bodyAsText()).isEqualTo("re: after");
    }

    @Test
    void shouldEndABlockingRequestWhenItsClientCloses() {
        startEchoService();
        assertThat(client.request(service, Message.text("before"), Waits.RECEIVE).bodyAsText()).isEqualTo("re: before");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        blockedRequest(failure);
        long start = System.nanoTime();

        client.close();

        assertThat(failure).succeedsWithin(Waits.RECEIVE).isInstanceOf(BrokerClosedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Waits.RECEIVE);
    }

    /** A thread blocked in a request to a queue nobody serves; its outcome goes to {@code failure}. */
    private Thread blockedRequest(CompletableFuture<Throwable> failure) {
        String silent = tck.name("silent");
        client.declareQueue(silent, QueueOptions.DEFAULT);
        Thread waiting = new Thread(() -> {
            try {
                client.request(silent, Message.text("never answered"), Waits.EVENTUALLY);
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        waiting.start();
        // the request is out once the queue holds it; its thread is then waiting for the reply
        eventually().until(() -> client.queues().stream().anyMatch(q -> q.name().equals(silent) && q.depth() == 1));
        return waiting;
    }

    @Test
    void shouldReportAnAwaitedFuturesFailureAndTimeout() {
        assertThatThrownBy(() -> client.awaitReplies(() -> client.requestAsync(service, Message.text("anyone?"), SHORT_DEADLINE), Waits.RECEIVE))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DeadlineExceededException.class);
        assertThatThrownBy(() -> client.awaitReplies(() -> client.requestAsync(service, Message.text("anyone?"), Waits.EVENTUALLY), SHORT_DEADLINE))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldHoldATicketsReplyUntilItIsCollected() {
        Ticket ticket = client.submit(service, Message.text("report"));

        assertThat(client.poll(ticket)).isEmpty();
        RecordingHandler requests = startEchoService();
        eventually().until(() -> requests.count() == 1);

        assertThat(client.await(ticket, Waits.RECEIVE)).hasValueSatisfying(reply -> {
            assertThat(reply.bodyAsText()).isEqualTo("re: report");
            assertThat(reply.correlationId()).hasValue(ticket.id());
        });
        assertThat(client.poll(ticket)).isEmpty();
    }

    @Test
    void shouldGiveEachTicketItsOwnReply() {
        Ticket first = client.submit(service, Message.text("first"));
        Ticket second = client.submit(service, Message.text("second"));
        startEchoService();

        assertThat(client.await(second, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("re: second"));
        assertThat(client.await(first, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("re: first"));
    }

    @Test
    void shouldReturnNothingFromAwaitWhenTheTicketsReplyDoesNotArriveInTime() {
        Ticket ticket = client.submit(service, Message.text("unanswered"));

        assertThat(client.await(ticket, SHORT_DEADLINE)).isEmpty();
    }

    @Test
    void shouldLetANewBrokerWithTheSameClientIdCollectATicketAfterTheFirstClosed() {
        String clientId = tck.name("restarting");
        Path state = tck.newStateDirectory();
        Broker first = tck.openBroker(config -> config.clientId(clientId).stateDirectory(state));
        String ticketText = first.submit(service, Message.text("overnight batch")).toString();
        first.close();
        RecordingHandler requests = startEchoService();
        eventually().until(() -> requests.count() == 1);

        Broker second = tck.openBroker(config -> config.clientId(clientId).stateDirectory(state));
        Ticket ticket = Ticket.parse(ticketText);

        assertThat(second.await(ticket, Waits.RECEIVE)).hasValueSatisfying(reply -> {
            assertThat(reply.bodyAsText()).isEqualTo("re: overnight batch");
            assertThat(reply.correlationId()).hasValue(ticket.id());
        });
    }
}
