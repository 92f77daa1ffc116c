package io.parley.broker.core;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client instance's private reply queue and the thread that reads it. Replies to requests and
 * sync notices (DELIVERED, PROCESSED) arrive here and complete the futures waiting for them, keyed
 * by correlation id.
 *
 * <pre>
 *   requester --request(replyTo=parley.replies.C.I)--> queue --> responder
 *   requester <--reply(correlationId=request id)------ parley.replies.C.I <-- responder
 * </pre>
 *
 * Started lazily on first use. The queue is temporary: it disappears with the client.
 * Thread-safe; the reader thread owns its engine session.
 */
final class ReplyDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatcher.class);
    /** How long the reader waits when its consumer can be woken (close wakes it); else {@link #POLL}. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Engine engine;
    private final String queue;
    private final Consumer<Message> onReceive;
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private volatile boolean running;
    private boolean closed;
    private Thread reader;
    private volatile EngineConsumer readerConsumer;
    private volatile RuntimeException attachFailure;

    ReplyDispatcher(Engine engine, String queue, Consumer<Message> onReceive) {
        this.engine = engine;
        this.queue = queue;
        this.onReceive = onReceive;
    }

    Destination.Queue destination() {
        return Destination.queue(queue);
    }

    /**
     * Registers interest in the message correlated with {@code key}; starts the reader if needed.
     *
     * @throws BrokerClosedException if the dispatcher is closed
     * @throws RuntimeException      if the reader cannot attach to the reply queue (tried again on the next call)
     */
    CompletableFuture<Message> expect(String key) {
        start();
        CompletableFuture<Message> future = new CompletableFuture<>();
        pending.put(key, future);
        future.whenComplete((m, e) -> pending.remove(key, future));
        return future;
    }

    private synchronized void start() {
        if (closed) {
            throw new BrokerClosedException("reply queue " + queue + " is closed: the broker client is closed");
        }
        if (running) {
            return;
        }
        engine.declareQueue(new QueueSpec(queue, QueueOptions.DEFAULT, true));
        CountDownLatch attached = new CountDownLatch(1);
        attachFailure = null;
        running = true;
        reader = new Thread(() -> readLoop(attached), "parley-replies-" + queue);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!attached.await(30, TimeUnit.SECONDS)) {
                LOG.warn("reply queue {}: consumer not attached after 30 s", queue);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = attachFailure;
        if (failure != null) {
            running = false;
            throw failure;
        }
    }

    private void readLoop(CountDownLatch attached) {
        boolean attachedHere = false;
        // the queue is private and temporary: its messages die with this client, so the engine may
        // count them acknowledged as it delivers them (no acknowledgement traffic per reply)
        try (EngineSession session = engine.openSession(SessionMode.ACK_ON_DELIVERY);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 100))) {
            attachedHere = true;
            readerConsumer = consumer;
            attached.countDown();
            Duration wait = consumer.supportsWakeup() ? IDLE_WAIT : POLL;
            while (running) {
                EngineDelivery delivery = consumer.receive(wait);
                if (delivery != null) {
                    try {
                        dispatch(delivery.message());
                    } finally {
                        delivery.ack();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!attachedHere) {
                attachFailure = e;
            } else if (running) {
                LOG.error("reply queue {} failed; waiting requests will time out, the next one starts a new reader", queue, e);
            }
        } finally {
            attached.countDown();
            // a reader that died lets the next expect() start another one
            synchronized (this) {
                if (reader == Thread.currentThread()) {
                    running = false;
                }
            }
        }
    }

    private void dispatch(Message message) {
        onReceive.accept(message);
        String correlationId = message.correlationId().orElse("");
        String key = message.header(BrokerHeaders.SYNC_NOTICE).isPresent() ? noticeKey(correlationId) : correlationId;
        CompletableFuture<Message> future = pending.get(key);
        if (future != null) {
            future.complete(message);
        } else {
            LOG.debug("reply queue {}: nobody waits for {} any more (a late reply)", queue, key);
        }
    }

    /** The key a sender waits under for the sync notice of message {@code messageId}. */
    static String noticeKey(String messageId) {
        return "notice:" + messageId;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            running = false;
            thread = reader;
        }
        EngineConsumer consumer = readerConsumer;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(POLL.multipliedBy(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pending.values().forEach(f -> f.completeExceptionally(new BrokerClosedException("broker client closed")));
    }
}
