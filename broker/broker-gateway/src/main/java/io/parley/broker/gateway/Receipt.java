package io.parley.broker.gateway;

import io.parley.broker.Delivery;
import io.parley.broker.Message;
import io.parley.broker.Receiver;

import java.util.concurrent.ScheduledFuture;

/**
 * One delivery handed out over HTTP and not yet settled: the receiver that holds it (a receiver
 * holds at most one unsettled delivery), the delivery, and the scheduled end of its visibility.
 *
 * <p>Threading: the poller thread that received the delivery creates the receipt and never touches
 * the receiver again; afterwards exactly one thread settles it — the one that removed it from the
 * {@link Receipts} table — and the settling methods are {@code synchronized} so that every access
 * to the receiver is ordered after the poller's.
 */
final class Receipt {

    private final String id;
    private final String queue;
    private final Receiver receiver;
    private final Delivery delivery;
    private ScheduledFuture<?> expiry;

    Receipt(String id, String queue, Receiver receiver, Delivery delivery) {
        this.id = id;
        this.queue = queue;
        this.receiver = receiver;
        this.delivery = delivery;
    }

    String id() {
        return id;
    }

    String queue() {
        return queue;
    }

    Message message() {
        return delivery.message();
    }

    synchronized void expireWith(ScheduledFuture<?> expiry) {
        this.expiry = expiry;
    }

    /** Acknowledges the delivery and closes the receiver. */
    synchronized void ack() {
        if (expiry != null) {
            expiry.cancel(false);
        }
        try {
            delivery.ack();
        } finally {
            receiver.close();
        }
    }

    /** Gives the message back for redelivery and closes the receiver. */
    synchronized void release() {
        if (expiry != null) {
            expiry.cancel(false);
        }
        try {
            delivery.release();
        } finally {
            receiver.close();
        }
    }
}
