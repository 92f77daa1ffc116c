package io.parley.broker.core;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Delivery;
import io.parley.broker.InvalidMessageException;
import io.parley.broker.Message;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link Delivery} over an engine delivery: settles it once, sends the sync notices the sender
 * asked for, counts dead letters, and sends replies. Belongs to the thread that received it.
 *
 * <p>A handler's delivery replies on the session its consumer receives on, when the reply is sent
 * from the receiving thread: the engine then takes the reply and the acknowledgement that follows
 * it in order on one session (on Artemis, one executor on the server instead of two racing for the
 * CPU while the caller waits). From any other thread a reply goes through the client's pool.
 */
final class DeliveryContext implements Delivery {

    private final EngineDelivery delivery;
    private final Message message;
    private final String source;
    private final ClientServices services;
    private final EngineSession session;
    private final Thread receiver = Thread.currentThread();
    private boolean settled;

    /** A delivery whose replies go through the client's session pool. */
    DeliveryContext(EngineDelivery delivery, String source, ClientServices services) {
        this(delivery, source, services, null);
    }

    /** A delivery received on {@code session} by the current thread, which replies on it too; null: the pool. */
    DeliveryContext(EngineDelivery delivery, String source, ClientServices services, EngineSession session) {
        this.session = session;
        this.delivery = delivery;
        this.message = delivery.message();
        this.source = source;
        this.services = services;
        services.clock().witness(message.lamport().orElse(services.clock().current()));
        services.metrics().received(source, message.deliveryCount());
        services.notices().taken(message);
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public void ack() {
        settle("ack");
        delivery.ack();
        services.notices().processed(message);
    }

    /**
     * Acknowledges for an AT_MOST_ONCE handler that has not run yet: the PROCESSED notice waits
     * for {@link #handled()}, so that a sender at PROCESSED does not return before the handler ran.
     */
    void ackBeforeHandling() {
        settle("ack");
        delivery.ack();
    }

    /** Reports PROCESSED for a delivery acknowledged by {@link #ackBeforeHandling()}, once its handler returned. */
    void handled() {
        services.notices().processed(message);
    }

    @Override
    public void release() {
        settle("release");
        delivery.release();
    }

    @Override
    public void deadLetter(String reason) {
        settle("deadLetter");
        delivery.deadLetter(reason);
        services.metrics().deadLettered(source);
        services.notices().deadLettered(message, reason);
    }

    @Override
    public void reply(Message reply) {
        EngineBroker.join(replyAsync(reply)); // an interrupted wait (a draining server) ends with BrokerClosedException
    }

    @Override
    public CompletableFuture<Void> replyAsync(Message reply) {
        var replyTo = message.replyTo().orElseThrow(() -> new InvalidMessageException(
                "message " + message.id() + " from " + source + " has no reply-to destination to reply to"));
        Message correlated = services.stamp(reply.toBuilder()
                .correlationId(message.id())
                .rawHeader(BrokerHeaders.TICKET, message.id()));
        if (session != null && Thread.currentThread() == receiver) {
            return session.send(replyTo, correlated);
        }
        return services.sendUndeclared(replyTo, correlated);
    }

    boolean isSettled() {
        return settled;
    }

    private void settle(String action) {
        if (settled) {
            throw new IllegalStateException("delivery of message " + message.id() + " from " + source
                    + " is already settled; cannot " + action + " it again");
        }
        settled = true;
    }
}
