package io.parley.broker.artemis;

import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInterruptedException;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.core.client.impl.ClientConsumerInternal;

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
    private final boolean holdBackAcks;
    private boolean acksHeldBack;
    private boolean closed;

    ArtemisConsumer(ArtemisSession session, ClientConsumer consumer, String queue, boolean subscription, boolean holdBackAcks,
                    Runnable onClose) {
        this.session = session;
        this.consumer = consumer;
        this.queue = queue;
        this.subscription = subscription;
        this.holdBackAcks = holdBackAcks;
        this.onClose = onClose;
    }

    /**
     * Called after a FAST_ACKS acknowledgement was recorded by the core session: sends it at once,
     * or, on a temporary queue, holds it back until the consumer's window holds no more messages
     * (then one packet acknowledges all handled so far; Artemis also sends a batch once it reaches
     * {@link ArtemisEngine#FAST_ACK_BATCH_BYTES}, and before a rollback or close). Safe there: a
     * temporary queue belongs to this client and is deleted with its connection, so an ack held
     * back can only make a message come back to this same client after a reconnection, never to
     * another one.
     */
    void acknowledged() throws ActiveMQException {
        if (holdBackAcks) {
            acksHeldBack = true;
        } else {
            ((ClientConsumerInternal) consumer).flushAcks();
        }
    }

    @Override
    public EngineDelivery receive(Duration wait) {
        ClientMessage message;
        try {
            if (acksHeldBack && ((ClientConsumerInternal) consumer).getBufferSize() == 0) {
                acksHeldBack = false;
                ((ClientConsumerInternal) consumer).flushAcks();
            }
            message = wait.isNegative() || wait.isZero() ? consumer.receiveImmediate()
                    : consumer.receive(Math.max(1, wait.toMillis()));
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            throw Failures.translate("receive from queue '" + queue + "'", e);
        }
        if (message == null) {
            return null;
        }
        return new ArtemisDelivery(session, this, message, session.codec().decode(message, queue), queue, subscription);
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
