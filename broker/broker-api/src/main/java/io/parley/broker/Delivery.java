package io.parley.broker;

import java.util.concurrent.CompletableFuture;

/**
 * One delivery of a message to a receiver, and what the receiver does with it.
 *
 * <p>With a {@link Receiver} the application settles each delivery itself with exactly one of
 * {@link #ack()}, {@link #release()} or {@link #deadLetter(String)}. A {@link MessageHandler} leaves
 * settling to its {@link DeliveryGuarantee} and only uses {@link #reply(Message)}.
 * A delivery belongs to the thread that received it.
 */
public interface Delivery {

    Message message();

    /** Removes the message from its queue: this delivery is done. */
    void ack();

    /**
     * Gives the message back for redelivery after the queue's back-off; the delivery count grows,
     * and at {@code maxDeliveries} the message is dead-lettered instead.
     */
    void release();

    /** Moves the message to the dead-letter queue now, with {@code reason} in its headers. */
    void deadLetter(String reason);

    /**
     * Sends {@code reply} to the message's reply-to destination, correlated with it, and returns
     * once the broker has stored it (sync point STORED). A handler that lets the failure propagate
     * has its message redelivered, so a reply is never lost after its request was acknowledged.
     *
     * @throws InvalidMessageException if the message has no reply-to destination
     */
    void reply(Message reply);

    /**
     * Like {@link #reply(Message)}, without waiting: the future completes once the broker has
     * stored the reply, or fails. The request may be acknowledged before that, so a reply the
     * broker then refuses is lost: for requesters that recover a lost reply themselves (a deadline
     * and a retry, as RPC callers have).
     *
     * @throws InvalidMessageException if the message has no reply-to destination
     */
    CompletableFuture<Void> replyAsync(Message reply);
}
