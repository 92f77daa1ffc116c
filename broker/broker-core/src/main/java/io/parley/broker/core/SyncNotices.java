package io.parley.broker.core;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.SyncPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The receiving side of the DELIVERED and PROCESSED sync points. A message sent at one of them
 * carries {@code parley_sync_point} and {@code parley_sync_notify} (the sender's reply queue);
 * the receiver answers with exactly one small transient notice, correlated with the message id:
 * {@code DELIVERED} when it takes the message, or {@code PROCESSED} when it acknowledges it
 * ({@code DEAD_LETTERED} if it dead-letters it instead). Thread-safe.
 */
final class SyncNotices {

    static final String DEAD_LETTERED = "DEAD_LETTERED";

    private static final Logger LOG = LoggerFactory.getLogger(SyncNotices.class);

    private final BiFunction<Destination, Message, CompletableFuture<Void>> sender;

    /**
     * @param sender sends a notice without declaring its destination (the sender's reply queue may be
     *               gone); its future completes when the notice is stored
     */
    SyncNotices(BiFunction<Destination, Message, CompletableFuture<Void>> sender) {
        this.sender = sender;
    }

    void taken(Message message) {
        notice(message, SyncPoint.DELIVERED, SyncPoint.DELIVERED.name(), null);
    }

    void processed(Message message) {
        notice(message, SyncPoint.PROCESSED, SyncPoint.PROCESSED.name(), null);
    }

    void deadLettered(Message message, String reason) {
        notice(message, SyncPoint.PROCESSED, DEAD_LETTERED, reason);
    }

    private void notice(Message message, SyncPoint when, String notice, String reason) {
        Optional<String> wanted = message.header(BrokerHeaders.SYNC_POINT);
        Optional<String> notify = message.header(BrokerHeaders.SYNC_NOTIFY);
        if (wanted.isEmpty() || notify.isEmpty() || !wanted.get().equals(when.name())) {
            return;
        }
        Message.Builder builder = Message.builder().correlationId(message.id()).durability(Durability.TRANSIENT)
                .rawHeader(BrokerHeaders.SYNC_NOTICE, notice);
        if (reason != null) {
            builder.rawHeader(BrokerHeaders.DEAD_LETTER_REASON, reason);
        }
        try {
            sender.apply(Destination.queue(notify.get()), builder.build()).whenComplete((v, e) -> {
                if (e != null) {
                    warn(notice, message, notify.get(), e);
                }
            });
        } catch (RuntimeException e) {
            warn(notice, message, notify.get(), e);
        }
    }

    private static void warn(String notice, Message message, String notifyQueue, Throwable failure) {
        LOG.warn("could not send {} notice for message {} to {}: {}", notice, message.id(), notifyQueue, failure.toString());
    }
}
