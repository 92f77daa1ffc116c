package io.parley.broker.core;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory engine for the broker client's unit tests: one FIFO per queue, no persistence, no
 * topics. Failures are injected through its public fields; what the client does with it is
 * recorded in {@link #events} ({@code send:<queue>:<id>}, {@code ack:<id>}, {@code release:<id>},
 * {@code commit}, {@code rollback}). Thread-safe.
 */
final class FakeEngine implements Engine {

    final Map<String, BlockingQueue<Message>> queues = new ConcurrentHashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger sessionsOpened = new AtomicInteger();
    /** When set, every send's future fails with it. */
    volatile RuntimeException sendFailure;
    /** When set, sends are taken but never confirmed (a connection lost mid-send). */
    volatile boolean sendsUnconfirmed;
    /** When set, opening a consumer throws it. */
    volatile RuntimeException consumerFailure;
    /** When set, rollback throws it. */
    volatile RuntimeException rollbackFailure;

    BlockingQueue<Message> queue(String name) {
        return queues.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public void start() {
    }

    @Override
    public void declareQueue(QueueSpec spec) {
        queue(spec.name());
    }

    @Override
    public void deleteQueue(String name) {
        queues.remove(name);
    }

    @Override
    public EngineSession openSession(SessionMode mode) {
        sessionsOpened.incrementAndGet();
        return new Session();
    }

    @Override
    public List<QueueInfo> queues() {
        return queues.entrySet().stream().map(e -> new QueueInfo(e.getKey(), e.getValue().size(), 0, 0)).toList();
    }

    @Override
    public void close() {
    }

    private final class Session implements EngineSession {

        @Override
        public CompletableFuture<Void> send(Destination destination, Message message) {
            RuntimeException failure = sendFailure;
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            events.add("send:" + destination.name() + ":" + message.id());
            if (sendsUnconfirmed) {
                return new CompletableFuture<>();
            }
            queue(destination.name()).add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public EngineConsumer consumer(ConsumerSpec spec) {
            RuntimeException failure = consumerFailure;
            if (failure != null) {
                throw failure;
            }
            BlockingQueue<Message> source = queue(spec.source().name());
            return new EngineConsumer() {
                @Override
                public EngineDelivery receive(Duration wait) {
                    try {
                        Message message = source.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                        return message == null ? null : new Delivery(source, message.toBuilder().deliveryCount(message.deliveryCount() + 1).build());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void commit() {
            events.add("commit");
        }

        @Override
        public void rollback() {
            events.add("rollback");
            RuntimeException failure = rollbackFailure;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
        }
    }

    private final class Delivery implements EngineDelivery {
        private final BlockingQueue<Message> source;
        private final Message message;

        Delivery(BlockingQueue<Message> source, Message message) {
            this.source = source;
            this.message = message;
        }

        @Override
        public Message message() {
            return message;
        }

        @Override
        public void ack() {
            events.add("ack:" + message.id());
        }

        @Override
        public void release() {
            events.add("release:" + message.id());
            source.add(message);
        }

        @Override
        public void deadLetter(String reason) {
            events.add("deadLetter:" + message.id());
        }
    }
}
