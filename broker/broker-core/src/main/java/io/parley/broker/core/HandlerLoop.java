package io.parley.broker.core;

import io.parley.broker.BrokerException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.Subscription;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A running {@code notify} or {@code subscribe}: {@code concurrency} threads, each with its own
 * engine session and consumer, each handling one message at a time under the consumer's
 * {@link DeliveryGuarantee}:
 *
 * <pre>
 *   AT_MOST_ONCE      ack ─► handler
 *   AT_LEAST_ONCE     handler ─► ack            (failure: release, or dead-letter at maxDeliveries)
 *   EFFECTIVELY_ONCE  seen? ─► ack and skip
 *                     handler ─► record key durably ─► ack   (failure: as AT_LEAST_ONCE)
 * </pre>
 *
 * Under EFFECTIVELY_ONCE with several threads, two copies of one dedup key (a retried send) are
 * never handled at the same time: the second waits for the first, then finds its key recorded.
 *
 * <p>Threads are daemon threads named {@code parley-consumer-<source>-<n>}; {@link #close()} stops
 * them after the message in hand and waits for them.
 */
final class HandlerLoop implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerLoop.class);
    /** How long a receive waits for a consumer that {@link EngineConsumer#supportsWakeup() can be woken} (close wakes it). */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    /** How long a receive waits for one that cannot: how soon close() is noticed. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final Engine engine;
    private final ConsumerSpec spec;
    private final String source;
    private final MessageHandler handler;
    private final ConsumerOptions options;
    private final IntSupplier maxDeliveries;
    private final ProcessedIdLog processed;
    private final ClientServices services;
    private final List<Thread> threads = new ArrayList<>();
    private final Consumer<HandlerLoop> onClose;
    private final CountDownLatch attached;
    private final AtomicReference<RuntimeException> attachFailure = new AtomicReference<>();
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();
    private final List<EngineConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    HandlerLoop(Engine engine, ConsumerSpec spec, String source, MessageHandler handler, ConsumerOptions options,
                IntSupplier maxDeliveries, ProcessedIdLog processed, ClientServices services, Consumer<HandlerLoop> onClose) {
        this.engine = engine;
        this.spec = spec;
        this.source = source;
        this.handler = handler;
        this.options = options;
        this.maxDeliveries = maxDeliveries;
        this.processed = processed;
        this.services = services;
        this.onClose = onClose;
        this.attached = new CountDownLatch(options.concurrency());
    }

    /**
     * Starts the threads and returns once every consumer is attached, so nothing sent after is missed.
     * If a consumer cannot attach (a bad selector, the engine unreachable) it stops the others and
     * throws that failure.
     */
    HandlerLoop start() {
        for (int i = 0; i < options.concurrency(); i++) {
            Thread thread = new Thread(this::run, "parley-consumer-" + source + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            if (!attached.await(30, TimeUnit.SECONDS)) {
                LOG.warn("{}: consumers not all attached after 30 s", source);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = attachFailure.get();
        if (failure != null) {
            close();
            throw failure;
        }
        return this;
    }

    private void run() {
        boolean attachedHere = false;
        try (EngineSession session = engine.openSession(options.guarantee() == DeliveryGuarantee.AT_MOST_ONCE ? SessionMode.DURABLE_ACKS : SessionMode.FAST_ACKS);
             EngineConsumer consumer = session.consumer(spec)) {
            attachedHere = true;
            consumers.add(consumer);
            attached.countDown();
            Duration wait = consumer.supportsWakeup() ? IDLE_WAIT : POLL;
            while (running) {
                EngineDelivery delivery = receive(consumer, wait);
                if (delivery != null) {
                    handleOnce(new DeliveryContext(delivery, source, services, session));
                }
            }
        } catch (RuntimeException e) {
            if (!attachedHere) {
                attachFailure.compareAndSet(null, e);
            } else if (running) {
                LOG.error("{}: consumer stopped by an engine failure", source, e);
            }
        } finally {
            attached.countDown();
        }
    }

    private EngineDelivery receive(EngineConsumer consumer, Duration wait) {
        try {
            return consumer.receive(wait);
        } catch (BrokerException e) {
            if (!e.isRetriable()) {
                throw e;
            }
            LOG.warn("{}: receive failed ({}); retrying", source, e.getMessage());
            return null;
        }
    }

    private void handleOnce(DeliveryContext delivery) {
        if (options.guarantee() != DeliveryGuarantee.EFFECTIVELY_ONCE) {
            handle(delivery);
            return;
        }
        String key = delivery.message().dedupKey();
        CountDownLatch mine = new CountDownLatch(1);
        try {
            CountDownLatch other;
            while ((other = inFlight.putIfAbsent(key, mine)) != null) {
                other.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.release();
            return;
        }
        try {
            handle(delivery);
        } finally {
            inFlight.remove(key, mine);
            mine.countDown();
        }
    }

    private void handle(DeliveryContext delivery) {
        Message message = delivery.message();
        DeliveryGuarantee guarantee = options.guarantee();
        try {
            if (guarantee == DeliveryGuarantee.EFFECTIVELY_ONCE && processed.contains(message.dedupKey())) {
                LOG.debug("{}: suppressed duplicate {} (dedup key {})", source, message.id(), message.dedupKey());
                delivery.ack();
                return;
            }
            if (guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
                delivery.ackBeforeHandling();
            }
        } catch (BrokerException e) {
            // AT_MOST_ONCE: the ack may not have been made durable, so the handler must not run;
            // the engine redelivers the message if the ack was lost, and it is handled then.
            LOG.warn("{}: could not acknowledge message {} before handling ({}); not handling it now", source, message.id(), e.getMessage());
            return;
        }
        long started = System.nanoTime();
        try {
            handler.onMessage(delivery);
        } catch (Exception e) {
            services.metrics().handled(source, Duration.ofNanos(System.nanoTime() - started), true);
            failed(delivery, e);
            return;
        }
        services.metrics().handled(source, Duration.ofNanos(System.nanoTime() - started), false);
        if (guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
            delivery.handled();
            return;
        }
        try {
            if (guarantee == DeliveryGuarantee.EFFECTIVELY_ONCE) {
                processed.record(message.dedupKey());
            }
            if (!delivery.isSettled()) {
                delivery.ack();
            }
        } catch (BrokerException e) {
            // the engine will deliver the message again; EFFECTIVELY_ONCE recognises it if it was recorded
            LOG.warn("{}: could not acknowledge handled message {} ({}); it will be delivered again", source, message.id(), e.getMessage());
        }
    }

    private void failed(DeliveryContext delivery, Exception failure) {
        Message message = delivery.message();
        if (delivery.isSettled()) {
            LOG.warn("{}: handler failed on message {} ({} delivery: not redelivered): {}",
                    source, message.id(), options.guarantee(), failure.toString());
            return;
        }
        int max = maxDeliveries.getAsInt();
        try {
            if (message.deliveryCount() >= max) {
                String reason = "handler failed on delivery " + message.deliveryCount() + " of maxDeliveries " + max + ": " + failure;
                LOG.warn("{}: dead-lettering message {}: {}", source, message.id(), reason);
                delivery.deadLetter(reason);
            } else {
                LOG.debug("{}: handler failed on message {} (delivery {} of {}); releasing it", source, message.id(),
                        message.deliveryCount(), max, failure);
                delivery.release();
            }
        } catch (BrokerException e) {
            LOG.warn("{}: could not settle failed message {} ({}); the engine will deliver it again", source, message.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumers.forEach(EngineConsumer::wakeup);
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        onClose.accept(this);
    }
}
