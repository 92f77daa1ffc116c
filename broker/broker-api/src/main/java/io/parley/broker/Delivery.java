package io.parley.broker;

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
     * Sends {@code reply} to the message's reply-to destination, correlated with it.
     *
     * @throws InvalidMessageException if the message has no reply-to destination
     */
    void reply(Message reply);
}
