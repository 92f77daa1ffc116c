package io.parley.broker.artemis;

import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInterruptedException;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;

import java.time.Duration;

/**
 * Pulls deliveries from one Artemis queue: a Parley queue, or the queue behind a topic
 * subscription. Its consumer window is the spec's prefetch (see {@link ArtemisSession#windowSize}).
 * Artemis's client drops expired messages before they reach {@link #receive}. Belongs to its
 * session's thread; closing a live subscription's consumer deletes the subscription's queue.
 */
final class ArtemisConsumer implements EngineConsumer {

    private final ArtemisSession session;
    private final ClientConsumer consumer;
    private final String queue;
    private final boolean subscription;
    private final Runnable onClose;
    private boolean closed;

    ArtemisConsumer(ArtemisSession session, ClientConsumer consumer, String queue, boolean subscription, Runnable onClose) {
        this.session = session;
        this.consumer = consumer;
        this.queue = queue;
        this.subscription = subscription;
        this.onClose = onClose;
    }

    @Override
    public EngineDelivery receive(Duration wait) {
        ClientMessage message;
        try {
            message = wait.isNegative() || wait.isZero() ? consumer.receiveImmediate()
                    : consumer.receive(Math.max(1, wait.toMillis()));
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("receive from queue '" + queue + "'", e);
        }
        if (message == null) {
            return null;
        }
        return new ArtemisDelivery(session, message, session.codec().decode(message, queue), queue, subscription);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            consumer.close();
        } catch (ActiveMQException e) {
            throw Failures.translate("closing the consumer of queue '" + queue + "'", e);
        } finally {
            session.removed(this);
            onClose.run();
        }
    }
}
