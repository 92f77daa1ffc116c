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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client instance's private reply queue and the threads that read it. Replies to requests and
 * sync notices (DELIVERED, PROCESSED) arrive here and complete the futures waiting for them, keyed
 * by correlation id.
 *
 * <pre>
 *   requester --request(replyTo=parley.replies.C.I)--> queue --> responder
 *   requester <--reply(correlationId=request id)------ parley.replies.C.I <-- responder
 * </pre>
 *
 * <p>Who reads (leader/follower, when the engine's consumer {@link EngineConsumer#supportsHandOff()
 * may pass between threads}; otherwise the reader thread reads all the time): one thread at a time,
 * the <em>leader</em>, receives from the queue and completes whichever futures its messages answer.
 * A thread that blocks for its own reply ({@link #await}) becomes the leader if nobody else reads,
 * and so receives that reply itself instead of being woken by the reader thread: one thread
 * hand-off fewer per synchronous request (on a loaded two-core host a hand-off costs tens of µs).
 * gRPC's blocking stubs do the same with their {@code ThreadlessExecutor}. The reader thread leads
 * while futures are pending and no other thread reads (asynchronous requests, or the requests of a
 * caller that stopped leading); it steps down when nothing is pending.
 *
 * <pre>
 *   await:   lead if nobody reads --> send --> receive, complete futures, until mine is done --> step down
 *            (anything still pending: wake the reader thread)
 *            somebody reads        --> send --> wait for my future (the leader completes it)
 *   expect:  nobody reads --> wake the reader thread
 * </pre>
 *
 * Started lazily on first use. The queue is temporary: it disappears with the client. Thread-safe;
 * futures complete on the leader's thread, so stages chained on them must not block.
 */
final class ReplyDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatcher.class);
    /** How long the reader waits when its consumer can be woken (close wakes it); else {@link #POLL}. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * How long a caller that leads receives before it looks again whether its future completed on
     * another thread (a deadline, a cancel). A receive that ends empty costs Artemis a round trip
     * (it forces a delivery to be sure the queue is empty), so a caller waiting long for its reply
     * costs at most ten of those a second; the reader thread, which only needs to notice that
     * nothing is pending any more, receives in {@link #IDLE_WAIT} slices.
     */
    private static final Duration LEAD_SLICE = Duration.ofMillis(100);

    private final Engine engine;
    private final String queue;
    private final Consumer<Message> onReceive;
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private volatile boolean running;
    private boolean closed;
    private Thread reader;
    private volatile EngineConsumer readerConsumer;
    private volatile RuntimeException attachFailure;
    /** Whether the consumer may pass between threads: leader/follower, else the reader thread always reads. */
    private volatile boolean handOff;
    /** Guards {@link #leader}; the reader thread waits on {@link #readerTurn} for work while nobody reads. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readerTurn = lock.newCondition();
    private Thread leader;

    ReplyDispatcher(Engine engine, String queue, Consumer<Message> onReceive) {
        this.engine = engine;
        this.queue = queue;
        this.onReceive = onReceive;
    }

    Destination.Queue destination() {
        return Destination.queue(queue);
    }

    /**
     * Registers interest in the message correlated with {@code key}; starts the reader if needed,
     * and wakes it if nobody reads the queue now.
     *
     * @throws BrokerClosedException if the dispatcher is closed
     * @throws RuntimeException      if the reader cannot attach to the reply queue (tried again on the next call)
     */
    CompletableFuture<Message> expect(String key) {
        start();
        CompletableFuture<Message> future = new CompletableFuture<>();
        pending.put(key, future);
        future.whenComplete((m, e) -> pending.remove(key, future));
        if (handOff) {
            lock.lock();
            try {
                if (leader == null) {
                    readerTurn.signal();
                }
            } finally {
                lock.unlock();
            }
        }
        return future;
    }

    /**
     * Runs {@code requests} (which sends requests whose replies come here) and waits up to
     * {@code timeoutNanos} for the future it returns, reading the reply queue on this thread if no
     * other thread reads it. As {@link CompletableFuture#get(long, TimeUnit)} for the outcome.
     */
    <T> T await(Supplier<? extends CompletableFuture<T>> requests, long timeoutNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeoutNanos;
        Lead lead = Lead.NO;
        try {
            start();
            lead = handOff ? tryLead() : Lead.NO;
        } catch (RuntimeException notReading) {
            // closed, or the reply queue unreachable: the requests meet the same failure when they
            // expect their replies, where their senders handle it (an RPC call retries, say)
        }
        CompletableFuture<T> future;
        try {
            future = requests.get();
            if (lead != Lead.NO) {
                readUntil(future, deadline);
            }
        } finally {
            if (lead == Lead.NEW) {
                stepDown();
            }
        }
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private enum Lead { NEW, NESTED, NO }

    private Lead tryLead() {
        lock.lock();
        try {
            if (leader == Thread.currentThread()) {
                return Lead.NESTED; // a future completed while leading runs a stage that waits in turn
            }
            if (leader != null || !running) {
                return Lead.NO;
            }
            leader = Thread.currentThread();
            return Lead.NEW;
        } finally {
            lock.unlock();
        }
    }

    /** Stops leading; if anything is still pending, the reader thread takes over. */
    private void stepDown() {
        lock.lock();
        try {
            leader = null;
            if (!pending.isEmpty() || !running) {
                readerTurn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** As the leader: receives and dispatches until {@code future} is done, the deadline passes or the dispatcher closes. */
    private void readUntil(CompletableFuture<?> future, long deadline) throws InterruptedException {
        EngineConsumer consumer = readerConsumer;
        long left;
        while (!future.isDone() && running && (left = deadline - System.nanoTime()) > 0) {
            EngineDelivery delivery;
            try {
                delivery = consumer.receive(Duration.ofNanos(Math.min(left, LEAD_SLICE.toNanos())));
            } catch (RuntimeException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while reading replies from " + queue);
                }
                LOG.warn("reply queue {}: receive failed ({}); the reader thread takes over", queue, e.toString());
                return;
            }
            if (delivery != null) {
                dispatchAndSettle(delivery);
            }
        }
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
            handOff = consumer.supportsHandOff() && consumer.supportsWakeup();
            attached.countDown();
            if (handOff) {
                leadWhilePending(consumer);
            } else {
                Duration wait = consumer.supportsWakeup() ? IDLE_WAIT : POLL;
                while (running) {
                    EngineDelivery delivery = consumer.receive(wait);
                    if (delivery != null) {
                        dispatchAndSettle(delivery);
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
            lock.lock();
            try {
                if (leader == Thread.currentThread()) {
                    leader = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The reader thread's loop under leader/follower: leads whenever something is pending and nobody reads. */
    private void leadWhilePending(EngineConsumer consumer) {
        while (running) {
            lock.lock();
            try {
                while (running && (leader != null || pending.isEmpty())) {
                    readerTurn.awaitUninterruptibly();
                }
                if (!running) {
                    return;
                }
                leader = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            try {
                // steps down after the message that leaves nothing pending; a pending future that
                // ends without one (its deadline) keeps the reader in this receive until the next
                // message or IDLE_WAIT, while waiting callers are answered through it
                do {
                    EngineDelivery delivery = consumer.receive(IDLE_WAIT);
                    if (delivery != null) {
                        dispatchAndSettle(delivery);
                    }
                } while (running && !pending.isEmpty());
            } finally {
                lock.lock();
                try {
                    leader = null;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void dispatchAndSettle(EngineDelivery delivery) {
        try {
            dispatch(delivery.message());
        } finally {
            delivery.ack();
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
        lock.lock();
        try {
            readerTurn.signalAll();
        } finally {
            lock.unlock();
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
