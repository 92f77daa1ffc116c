package io.parley.broker.kafka;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.UnsupportedCapabilityException;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.SessionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A session of the Kafka engine: sends go through the engine's shared producer; each consumer is a
 * Kafka consumer of its own. Never transacted (see {@link KafkaEngine}). Single-threaded.
 */
final class KafkaSession implements EngineSession {

    private final KafkaEngine engine;
    private final SessionMode mode;
    private final List<EngineConsumer> consumers = new ArrayList<>();

    KafkaSession(KafkaEngine engine, SessionMode mode) {
        this.engine = engine;
        this.mode = mode;
    }

    @Override
    public CompletableFuture<Void> send(Destination destination, Message message) {
        return engine.send(destination, message);
    }

    @Override
    public EngineConsumer consumer(ConsumerSpec spec) {
        if (spec.selector() != null) {
            throw new UnsupportedCapabilityException("engine 'kafka' does not support selector \""
                    + spec.selector() + "\" (capability SELECTORS is not declared)");
        }
        boolean durableAcks = mode == SessionMode.DURABLE_ACKS;
        EngineConsumer consumer = spec.source() instanceof Destination.Queue queue
                ? new ShareQueueConsumer(engine, queue.name(), spec.prefetch(), durableAcks)
                : new TopicConsumer(engine, spec, durableAcks);
        consumers.add(consumer);
        return consumer;
    }

    @Override
    public void commit() {
        throw new IllegalStateException("the Kafka engine's sessions are never transacted");
    }

    @Override
    public void rollback() {
        throw new IllegalStateException("the Kafka engine's sessions are never transacted");
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (EngineConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        consumers.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
