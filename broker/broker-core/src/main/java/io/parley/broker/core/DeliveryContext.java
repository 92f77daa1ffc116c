package io.parley.broker.core;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Delivery;
import io.parley.broker.InvalidMessageException;
import io.parley.broker.Message;
import io.parley.broker.spi.EngineDelivery;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link Delivery} over an engine delivery: settles it once, sends the sync notices the sender
 * asked for, counts dead letters, and sends replies. Belongs to the thread that received it.
 */
final class DeliveryContext implements Delivery {

    private final EngineDelivery delivery;
    private final Message message;
    private final String source;
    private final ClientServices services;
    private boolean settled;

    DeliveryContext(EngineDelivery delivery, String source, ClientServices services) {
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
        replyAsync(reply).join();
    }

    @Override
    public CompletableFuture<Void> replyAsync(Message reply) {
        var replyTo = message.replyTo().orElseThrow(() -> new InvalidMessageException(
                "message " + message.id() + " from " + source + " has no reply-to destination to reply to"));
        Message correlated = services.stamp(reply.toBuilder()
                .correlationId(message.id())
                .rawHeader(BrokerHeaders.TICKET, message.id())
                .build());
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
