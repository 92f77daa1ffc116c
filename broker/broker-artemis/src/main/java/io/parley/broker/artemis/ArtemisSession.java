package io.parley.broker.artemis;

import io.parley.broker.BrokerException;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.StoreFullException;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.SessionMode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInterruptedException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;
import org.apache.activemq.artemis.api.core.client.SessionFailureListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An engine session over one Artemis core session.
 *
 * <p>Sends are pipelined: each goes out without blocking, and its future completes when the
 * server confirms it through the connection's confirmation window — for a persistent message only
 * after the journal write (synced when {@code journalSync} is on), that is, at STORED. A refused
 * send (store full, unknown address) fails its future with a {@link BrokerException}.
 *
 * <p>Acknowledgements by {@link SessionMode}:
 * <pre>
 *   FAST_ACKS     core session auto-commits acks; each ack is sent at once without waiting
 *   DURABLE_ACKS  ack + commit of the core session, which returns after the journal write
 *   TRANSACTED    ack joins the core transaction; sends and acks take effect on commit
 *   ACK_ON_DELIVERY  pre-acknowledging core session: the server acks as it delivers; ack is a no-op
 * </pre>
 * A release is a rollback of the core session that counts the unsettled message as delivered
 * ({@code rollback(true)}): it goes back to its queue with its delivery count kept, and Artemis
 * applies the queue's back-off or dead-letters it; messages buffered in the consumer window go
 * back uncounted. The broker client holds at most one unsettled delivery per consumer and one
 * consumer per session, so the rollback touches nothing else outside a transaction.
 *
 * <p>Threading: one thread at a time, as {@link EngineSession} says; the send futures complete on
 * an Artemis client thread, so dependent stages must not block.
 */
final class ArtemisSession implements EngineSession {

    private static final long CLOSE_CONFIRM_WAIT_MS = 5_000;
    private static final long DEAD_LETTER_WAIT_MS = 30_000;

    private final ClientSession session;
    private final ClientProducer producer;
    private final SessionMode mode;
    private final QueueTopology topology;
    private final MessageCodec codec;
    private final Consumer<ArtemisSession> onClose;
    private final Supplier<String> fullStoreLimit;
    private final Set<CompletableFuture<Void>> unconfirmed = ConcurrentHashMap.newKeySet();
    private final List<ArtemisConsumer> consumers = new ArrayList<>();
    private boolean closed;

    /**
     * @param fullStoreLimit which of the server's limits a full store has reached, with its value, for
     *                       the refusal's message; null if unknown (a remote server)
     */
    ArtemisSession(ClientSession session, SessionMode mode, QueueTopology topology, MessageCodec codec,
                   Supplier<String> fullStoreLimit, Consumer<ArtemisSession> onClose) throws ActiveMQException {
        this.session = session;
        this.mode = mode;
        this.topology = topology;
        this.codec = codec;
        this.fullStoreLimit = fullStoreLimit;
        this.onClose = onClose;
        this.producer = session.createProducer();
        session.addFailureListener(new FailUnconfirmedSends());
        session.start();
    }

    @Override
    public CompletableFuture<Void> send(Destination destination, Message message) {
        return send(destination, message, true);
    }

    /** Sends; {@code duplicateDetection} off for copies that must not be taken for duplicates. */
    CompletableFuture<Void> send(Destination destination, Message message, boolean duplicateDetection) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            checkOpen();
            SimpleString address = topology.addressFor(destination);
            ClientMessage core = codec.encode(session, destination, message, duplicateDetection);
            unconfirmed.add(stored);
            stored.whenComplete((ok, failure) -> unconfirmed.remove(stored));
            producer.send(address, core, new Confirmation(stored, message.id(), destination, fullStoreLimit));
        } catch (ActiveMQException | ActiveMQInterruptedException | BrokerException e) {
            stored.completeExceptionally(sendFailure(message.id(), destination, e, fullStoreLimit));
        }
        return stored;
    }

    /** Sends a dead-letter copy and waits until it is stored (or part of the transaction). */
    void sendAndWait(Destination destination, Message message) {
        try {
            send(destination, message, false).get(DEAD_LETTER_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw Failures.translate("dead-lettering message " + message.id(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw Failures.translate("dead-lettering message " + message.id() + " (waited " + DEAD_LETTER_WAIT_MS + " ms)", e);
        }
    }

    @Override
    public EngineConsumer consumer(ConsumerSpec spec) {
        checkOpen();
        try {
            String queue;
            Runnable cleanup = () -> { };
            if (spec.source() instanceof Destination.Topic topic) {
                queue = topology.subscribe(session, topic, spec.durableName(), spec.selector());
                if (spec.durableName() == null) {
                    cleanup = () -> deleteQuietly(queue);
                }
            } else {
                queue = spec.source().name();
                topology.ensureQueue(queue);
            }
            SimpleString filter = spec.source() instanceof Destination.Queue && spec.selector() != null && !spec.selector().isBlank()
                    ? SimpleString.of(spec.selector()) : null;
            ClientConsumer core = session.createConsumer(SimpleString.of(queue), filter, windowSize(spec.prefetch()), -1, false);
            ArtemisConsumer consumer = new ArtemisConsumer(this, core, queue, spec.source() instanceof Destination.Topic, cleanup);
            consumers.add(consumer);
            return consumer;
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("opening a consumer on " + spec.source()
                    + (spec.selector() != null ? " with selector '" + spec.selector() + "'" : ""), e);
        }
    }

    /**
     * The consumer window in bytes for a prefetch of {@code messages}: Artemis counts its window in
     * bytes, so each message is budgeted {@value #WINDOW_BYTES_PER_MESSAGE} bytes. Zero stays zero:
     * no buffering, each receive fetches one message.
     */
    static int windowSize(int messages) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(0, messages) * WINDOW_BYTES_PER_MESSAGE);
    }

    static final int WINDOW_BYTES_PER_MESSAGE = 1024;

    @Override
    public void commit() {
        checkTransacted("commit");
        try {
            session.commit();
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("commit", e);
        }
    }

    @Override
    public void rollback() {
        checkTransacted("rollback");
        rollbackCore();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ArtemisConsumer consumer : new ArrayList<>(consumers)) {
            consumer.close();
        }
        awaitConfirmations();
        try {
            session.close();
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("closing a session", e);
        } finally {
            failUnconfirmed(new BrokerUnavailableException("the session closed before Artemis confirmed the send"));
            onClose.accept(this);
        }
    }

    MessageCodec codec() {
        return codec;
    }

    /** Acknowledges {@code message} as the session's mode says. */
    void acknowledge(ClientMessage message) {
        if (mode == SessionMode.ACK_ON_DELIVERY) {
            return;
        }
        try {
            message.acknowledge();
            if (mode == SessionMode.DURABLE_ACKS) {
                session.commit();
            }
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("acknowledging a message", e);
        }
    }

    /** Returns the unsettled message to its queue with its delivery counted. */
    void release() {
        try {
            session.rollback(true);
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("releasing a message", e);
        }
    }

    void removed(ArtemisConsumer consumer) {
        consumers.remove(consumer);
    }

    private void rollbackCore() {
        try {
            session.rollback();
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("rollback", e);
        }
    }

    private void deleteQuietly(String queue) {
        try {
            session.deleteQueue(queue);
        } catch (ActiveMQException e) {
            org.slf4j.LoggerFactory.getLogger(ArtemisSession.class).debug("live subscription {} already gone", queue, e);
        }
    }

    private void awaitConfirmations() {
        try {
            CompletableFuture.allOf(unconfirmed.toArray(CompletableFuture[]::new))
                    .get(CLOSE_CONFIRM_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failed sends already failed their futures; the rest are failed after the close
        }
    }

    private void failUnconfirmed(BrokerException failure) {
        for (CompletableFuture<Void> future : List.copyOf(unconfirmed)) {
            future.completeExceptionally(failure);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new BrokerUnavailableException("the engine session is closed");
        }
    }

    private void checkTransacted(String operation) {
        if (mode != SessionMode.TRANSACTED) {
            throw new IllegalStateException(operation + " needs a TRANSACTED session; this one is " + mode);
        }
    }

    private static String describeSend(String messageId, Destination destination) {
        return "send of message " + messageId + " to " + destination;
    }

    /** A send's failure as a broker exception; a full store's refusal names the limit it reached. */
    private static BrokerException sendFailure(String messageId, Destination destination, Throwable failure, Supplier<String> fullStoreLimit) {
        BrokerException translated = Failures.translate(describeSend(messageId, destination), failure);
        if (translated instanceof StoreFullException && fullStoreLimit != null) {
            return new StoreFullException(translated.getMessage() + "; " + fullStoreLimit.get(), translated.getCause());
        }
        return translated;
    }

    /** Completes one send's future when the server confirms or refuses it. */
    private static final class Confirmation implements SendAcknowledgementHandler {
        private final CompletableFuture<Void> stored;
        private final String messageId;
        private final Destination destination;
        private final Supplier<String> fullStoreLimit;

        Confirmation(CompletableFuture<Void> stored, String messageId, Destination destination, Supplier<String> fullStoreLimit) {
            this.stored = stored;
            this.messageId = messageId;
            this.destination = destination;
            this.fullStoreLimit = fullStoreLimit;
        }

        @Override
        public void sendAcknowledged(org.apache.activemq.artemis.api.core.Message message) {
            stored.complete(null);
        }

        @Override
        public void sendFailed(org.apache.activemq.artemis.api.core.Message message, Exception e) {
            stored.completeExceptionally(sendFailure(messageId, destination, e, fullStoreLimit));
        }
    }

    /** When the connection is lost for good (no reconnection), no confirmation will come. */
    private final class FailUnconfirmedSends implements SessionFailureListener {
        @Override
        public void beforeReconnect(ActiveMQException exception) {
            // unconfirmed sends are resent after the reconnection and confirmed then
        }

        @Override
        public void connectionFailed(ActiveMQException exception, boolean failedOver) {
            if (!failedOver) {
                failUnconfirmed(Failures.translate("send (connection lost before Artemis confirmed it)", exception));
            }
        }

        @Override
        public void connectionFailed(ActiveMQException exception, boolean failedOver, String scaleDownTargetNodeID) {
            connectionFailed(exception, failedOver);
        }
    }
}
