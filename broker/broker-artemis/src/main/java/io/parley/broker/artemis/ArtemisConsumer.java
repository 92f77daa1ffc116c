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
 * session's thread, except that {@link #receive} may pass between threads one at a time (Artemis's
 * consumer buffers deliveries under its own monitor, whoever receives); closing a live
 * subscription's consumer deletes the subscription's queue.
 *
 * <p>A receive may block for long: each one that ends empty costs a server round trip (Artemis's
 * client then forces a delivery to be sure the queue is empty), so short polling is what makes an
 * idle consumer expensive. {@link #wakeup} ends a blocked receive by interrupting its thread, only
 * while that thread is inside the receive, and clears the interrupt before the receive returns.
 */
final class ArtemisConsumer implements EngineConsumer {

    private final ArtemisSession session;
    private final ClientConsumer consumer;
    private final String queue;
    private final boolean subscription;
    private final Runnable onClose;
    private boolean closed;
    /** Guards {@link #receiving} and {@link #wakeRequested}; never held while blocked. */
    private final Object wakeLock = new Object();
    private Thread receiving;
    private boolean wakeRequested;

    ArtemisConsumer(ArtemisSession session, ClientConsumer consumer, String queue, boolean subscription, Runnable onClose) {
        this.session = session;
        this.consumer = consumer;
        this.queue = queue;
        this.subscription = subscription;
        this.onClose = onClose;
    }

    @Override
    public EngineDelivery receive(Duration wait) {
        synchronized (wakeLock) {
            if (wakeRequested) {
                return null;
            }
            receiving = Thread.currentThread();
        }
        ClientMessage message;
        try {
            message = wait.isNegative() || wait.isZero() ? consumer.receiveImmediate()
                    : consumer.receive(Math.max(1, wait.toMillis()));
        } catch (ActiveMQException | ActiveMQInterruptedException e) {
            if (endReceive()) {
                return null;
            }
            throw Failures.translate("receive from queue '" + queue + "'", e);
        }
        endReceive(); // a wake-up after the message was taken: it is handed out, and the caller stops after it
        if (message == null) {
            return null;
        }
        return new ArtemisDelivery(session, message, session.codec().decode(message, queue), queue, subscription);
    }

    /** Leaves the receive; true if a wake-up came meanwhile (its interrupt, if any, is cleared). */
    private boolean endReceive() {
        synchronized (wakeLock) {
            receiving = null;
            if (wakeRequested) {
                Thread.interrupted();
                return true;
            }
            return false;
        }
    }

    @Override
    public boolean supportsWakeup() {
        return true;
    }

    @Override
    public boolean supportsHandOff() {
        return true;
    }

    @Override
    public void wakeup() {
        synchronized (wakeLock) {
            wakeRequested = true;
            if (receiving != null) {
                receiving.interrupt();
            }
        }
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
