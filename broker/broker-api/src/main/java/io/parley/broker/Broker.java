package io.parley.broker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The broker client: sends, receives, request/reply, tickets and local transactions over one engine.
 *
 * <pre>{@code
 * try (Broker broker = Brokers.open(ArtemisEngine.connect("tcp://localhost:61616"), BrokerConfig.defaults())) {
 *     broker.put("orders", Message.text("one pizza"));                 // returns once STORED
 *     Message m = broker.get("orders", Duration.ofSeconds(5)).orElseThrow();
 *     broker.notify("orders", d -> System.out.println(d.message().bodyAsText()), ConsumerOptions.DEFAULT);
 * }
 * }</pre>
 *
 * <p>Queues are created on first use with {@link QueueOptions#DEFAULT}; {@link #declareQueue}
 * sets other options. All methods are thread-safe; {@link Receiver}s and {@link Delivery}s are not.
 */
public interface Broker extends AutoCloseable {

    /** This client's id: it names the durable mailbox its tickets' replies wait in. */
    String clientId();

    /** The engine's capabilities, by name (see the engine SPI's {@code Capability}). */
    Set<String> capabilities();

    /** Creates the queue if absent, or updates its options. */
    void declareQueue(String queue, QueueOptions options);

    // ---- sending ------------------------------------------------------------------------------

    /** Sends and returns at {@code syncPoint}. */
    SendReceipt send(Destination destination, Message message, SyncPoint syncPoint);

    /**
     * Sends; the future completes at {@code syncPoint} (or fails). Sends are pipelined. The future
     * completes on an engine thread: stages chained on it must not block (use the {@code *Async}
     * variants of {@code CompletableFuture} to move blocking work elsewhere).
     */
    CompletableFuture<SendReceipt> sendAsync(Destination destination, Message message, SyncPoint syncPoint);

    /** Queue primitive PUT: appends to {@code queue} and returns once the message is {@link SyncPoint#STORED}. */
    default String put(String queue, Message message) {
        return send(Destination.queue(queue), message, SyncPoint.STORED).messageId();
    }

    /** Publishes to a topic and returns once the message is {@link SyncPoint#STORED}. */
    default String publish(String topic, Message message) {
        return send(Destination.topic(topic), message, SyncPoint.STORED).messageId();
    }

    // ---- receiving ----------------------------------------------------------------------------

    /** Queue primitive GET: blocks up to {@code wait} for a message and removes it. */
    Optional<Message> get(String queue, Duration wait);

    /** Queue primitive POLL: removes and returns a message if one is waiting; never blocks. */
    Optional<Message> poll(String queue);

    /** Queue primitive NOTIFY: calls {@code handler} for each message that arrives on {@code queue}. */
    Subscription notify(String queue, MessageHandler handler, ConsumerOptions options);

    /**
     * Subscribes to a topic or topic pattern. A {@code durableName} makes the subscription durable
     * (messages published while it is not running wait for it); {@code null} makes it live only.
     */
    Subscription subscribe(Destination.Topic topic, String durableName, MessageHandler handler, ConsumerOptions options);

    /** A receiver whose deliveries the application settles itself. */
    Receiver receiver(String queue);

    // ---- request/reply ------------------------------------------------------------------------

    /** Sends a request to {@code queue} and blocks for the reply. */
    Message request(String queue, Message request, Duration deadline);

    /**
     * Sends a request; the future completes with the reply or fails with {@link DeadlineExceededException}.
     * It completes on the thread that reads replies: stages chained on it must not block.
     */
    CompletableFuture<Message> requestAsync(String queue, Message request, Duration deadline);

    /**
     * Runs {@code requests}, which sends requests of this client and returns a future that their
     * replies complete (a {@link #requestAsync} future, or one derived from it), and waits up to
     * {@code timeout} for that future. While it waits, the calling thread reads this client's
     * replies if no other thread is reading them, so it receives its own reply without a hand-off
     * from the reply thread: one thread switch fewer per call (gRPC's blocking stubs do the same).
     * Replies to other requests that arrive meanwhile complete their futures on this thread.
     * {@link #request} waits so.
     *
     * @throws ExecutionException   if the future failed (the cause is its failure)
     * @throws TimeoutException     if it did not complete within {@code timeout}
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    default <T> T awaitReplies(Supplier<? extends CompletableFuture<T>> requests, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return requests.get().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Deferred-synchronous: sends a request whose reply waits in this client's durable mailbox. */
    Ticket submit(String queue, Message request);

    /** Takes the ticket's reply from the mailbox if it has arrived; never blocks. */
    Optional<Message> poll(Ticket ticket);

    /** Waits up to {@code wait} for the ticket's reply; empty if it has not arrived. */
    Optional<Message> await(Ticket ticket, Duration wait);

    // ---- transactions and administration -------------------------------------------------------

    /** Runs {@code work} in a local transaction: commits when it returns, rolls back when it throws. */
    <T> T inTransaction(TransactionWork<T> work);

    /** The queues the engine holds, with depths, consumers and dead letters. */
    List<QueueInfo> queues();

    /** Dead-letter queue name of {@code queue}. */
    static String deadLetterQueue(String queue) {
        return queue + ".DLQ";
    }

    @Override
    void close();
}
