package io.parley.broker.artemis;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.spi.EngineDelivery;
import org.apache.activemq.artemis.api.core.client.ClientMessage;

import java.util.Objects;

/**
 * One delivery, settled exactly once.
 *
 * <p>{@link #deadLetter} stores a copy in the queue's {@code <queue>.DLQ} (for a topic
 * subscription, the server-wide {@value EmbeddedServer#DEFAULT_DEAD_LETTER_QUEUE}) with the reason
 * and the original queue in its headers and without the original's expiry (as Artemis does when it
 * dead-letters after {@code maxDeliveries}: a dead letter waits for an operator, it never expires
 * out of the dead-letter queue), then acknowledges the original. Outside a transaction the
 * two steps are not atomic: a crash between them leaves the copy and redelivers the original,
 * never loses it. Belongs to its session's thread.
 */
final class ArtemisDelivery implements EngineDelivery {

    private final ArtemisSession session;
    private final ClientMessage core;
    private final Message message;
    private final String queue;
    private final boolean subscription;
    private boolean settled;

    ArtemisDelivery(ArtemisSession session, ClientMessage core, Message message, String queue, boolean subscription) {
        this.session = session;
        this.core = core;
        this.message = message;
        this.queue = queue;
        this.subscription = subscription;
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public void ack() {
        settle("ack");
        session.acknowledge(core);
    }

    @Override
    public void release() {
        settle("release");
        session.release();
    }

    @Override
    public void deadLetter(String reason) {
        Objects.requireNonNull(reason, "reason");
        settle("deadLetter");
        Message copy = message.toBuilder()
                .rawHeader(BrokerHeaders.DEAD_LETTER_REASON, reason)
                .rawHeader(BrokerHeaders.ORIGINAL_QUEUE, queue)
                .deliveryCount(0)
                .expiresAt(null)
                .build();
        session.sendAndWait(Destination.queue(deadLetterQueue()), copy);
        session.acknowledge(core);
    }

    private String deadLetterQueue() {
        if (subscription || MessageCodec.isDeadLetterQueue(queue)) {
            return EmbeddedServer.DEFAULT_DEAD_LETTER_QUEUE;
        }
        return QueueTopology.deadLetterQueueOf(queue);
    }

    private void settle(String how) {
        if (settled) {
            throw new IllegalStateException("delivery of message " + message.id() + " from queue '" + queue
                    + "' is already settled; " + how + " is not allowed twice");
        }
        settled = true;
    }
}
