package io.parley.broker.core;

import io.parley.broker.Delivery;
import io.parley.broker.Receiver;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Receiver} on its own engine session with an unbuffered consumer (no prefetch, so an idle
 * receiver hoards nothing). Holds at most one unsettled delivery; an unsettled delivery is released
 * when the receiver closes. Not thread-safe.
 */
final class QueueReceiver implements Receiver {

    private final EngineSession session;
    private final EngineConsumer consumer;
    private final String source;
    private final ClientServices services;
    private DeliveryContext current;

    QueueReceiver(Engine engine, ConsumerSpec spec, String source, ClientServices services) {
        this.session = engine.openSession(SessionMode.DURABLE_ACKS);
        try {
            this.consumer = session.consumer(spec);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        this.source = source;
        this.services = services;
    }

    @Override
    public Optional<Delivery> receive(Duration wait) {
        if (current != null && !current.isSettled()) {
            throw new IllegalStateException("receiver on " + source + " still holds message " + current.message().id()
                    + ": settle it (ack, release or deadLetter) before receiving the next");
        }
        EngineDelivery delivery = consumer.receive(wait);
        current = delivery == null ? null : new DeliveryContext(delivery, source, services);
        return Optional.ofNullable(current);
    }

    @Override
    public void close() {
        try {
            if (current != null && !current.isSettled()) {
                current.release();
            }
            consumer.close();
        } finally {
            session.close();
        }
    }
}
