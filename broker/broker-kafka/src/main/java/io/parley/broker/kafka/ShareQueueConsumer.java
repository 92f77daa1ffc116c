package io.parley.broker.kafka;

import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicIdPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue consumer on the queue's share group, with explicit acknowledgement:
 *
 * <pre>
 *   receive -> poll (acquires up to `window` records, each locked to this member)
 *           -> not readable as a message (malformed engine headers)?  dead-letter
 *           -> expired?          ACCEPT (dropped, never delivered)
 *           -> count > maxDeliveries (its consumer crashed on the last attempt)?  dead-letter
 *           -> hand out one delivery
 *   ack         -> ACCEPT                      (DURABLE_ACKS: commitSync before returning)
 *   release     -> wait the queue's back-off, then RELEASE; at maxDeliveries: dead-letter
 *   deadLetter  -> produce a copy to queue.Q.DLQ (acks=all), then REJECT
 *   held longer than half the lock duration (an HTTP receipt) -> RENEW, see {@link #renewIfDue}
 * </pre>
 *
 * A window of 0 (receivers) or 1 fetches one record at a time ({@code share.acquire.mode=record_limit}),
 * so an idle receiver locks nothing. Records of one poll are handed out before the next poll, as
 * explicit acknowledgement requires. The delivery count is the record's {@code deliveryCount()}.
 *
 * <p>Threading: used by one thread at a time (its session's); the engine's renewal timer calls
 * {@link #renewIfDue} from its own thread, so every use of the Kafka consumer holds {@link #lock}.
 */
final class ShareQueueConsumer implements EngineConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ShareQueueConsumer.class);
    /** Longest a receive waits beyond its own wait for the consumer's first answer from the cluster. */
    private static final Duration MAX_FIRST_ANSWER = Duration.ofSeconds(10);
    private static final Duration MIN_POLL = Duration.ofMillis(100);

    private final KafkaEngine engine;
    private final String queue;
    private final boolean durableAcks;
    private final KafkaShareConsumer<byte[], ByteBuffer> consumer;
    private final ArrayDeque<ConsumerRecord<byte[], ByteBuffer>> fetched = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private ConsumerRecord<byte[], ByteBuffer> held;
    private long heldSinceNanos;
    private ConsumerRecord<byte[], ByteBuffer> parked;
    private long parkedUntilNanos;
    private boolean closed;
    private Metric fetches;

    ShareQueueConsumer(KafkaEngine engine, String queue, int prefetch, boolean durableAcks) {
        this.engine = engine;
        this.queue = queue;
        this.durableAcks = durableAcks;
        int window = Math.max(1, Math.min(prefetch, engine.config().maxPollRecords()));
        this.consumer = engine.clients().shareConsumer(KafkaNames.shareGroup(queue), window);
        try {
            consumer.subscribe(List.of(KafkaNames.queueTopic(queue)));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw Failures.translate("subscribing to queue '" + queue + "'", e);
        }
        engine.register(this);
    }

    @Override
    public EngineDelivery receive(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            if (held != null) {
                throw new IllegalStateException("consumer of queue '" + queue + "' still holds an unsettled delivery");
            }
            if (!settleParked(deadline)) {
                return null;
            }
            // what is 'at hand' on Kafka is one fetch away (for a new consumer, a group join and a fetch):
            // even a zero wait lasts until the cluster has answered one fetch asked after this receive began
            double fetchesBefore = -1;
            long latest = Math.max(deadline, System.nanoTime() + MAX_FIRST_ANSWER.toNanos());
            while (true) {
                ConsumerRecord<byte[], ByteBuffer> record = fetched.pollFirst();
                if (record != null) {
                    EngineDelivery delivery = deliverable(record);
                    if (delivery != null) {
                        return delivery;
                    }
                    continue;
                }
                if (fetchesBefore < 0) {
                    fetchesBefore = fetchCount();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 && (fetchCount() > fetchesBefore + 1 || System.nanoTime() > latest)) {
                    return null;
                }
                Duration pollFor = Duration.ofNanos(Math.max(remaining, MIN_POLL.toNanos()));
                try {
                    consumer.poll(pollFor).forEach(fetched::add);
                } catch (RuntimeException e) {
                    throw Failures.translate("receiving from queue '" + queue + "'", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Share fetches the cluster has answered so far (the consumer's {@code fetch-total} metric). */
    private double fetchCount() {
        if (fetches == null) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
                if (metric.getKey().name().equals("fetch-total") && metric.getKey().group().endsWith("fetch-manager-metrics")) {
                    fetches = metric.getValue();
                }
            }
            if (fetches == null) {
                return 0;
            }
        }
        Object value = fetches.metricValue();
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private EngineDelivery deliverable(ConsumerRecord<byte[], ByteBuffer> record) {
        int count = record.deliveryCount().map(Short::intValue).orElse(1);
        // decoded before the expiry check: decode reads every header once, where a look-up of the
        // expiry header alone would decode the header names a second time for the live majority
        Message message;
        try {
            message = MessageCodec.decode(record, count);
        } catch (RuntimeException e) {
            // poison for every consumer of the queue: dead-lettered as it came, then REJECTed, and the queue goes on
            engine.deadLetterUnreadable("queue '" + queue + "'", queue, record, e);
            acknowledge(record, AcknowledgeType.REJECT, "dead-lettering an unreadable record");
            return null;
        }
        if (message.expiresAt().isPresent() && message.isExpired(Instant.now())) {
            acknowledge(record, AcknowledgeType.ACCEPT, "dropping an expired message");
            return null;
        }
        QueueOptions options = engine.catalog().options(queue);
        if (count > options.maxDeliveries()) {
            deadLetter(record, message, "delivery " + count + " exceeds maxDeliveries " + options.maxDeliveries()
                    + " (an earlier delivery's consumer failed or its lock expired)");
            return null;
        }
        held = record;
        heldSinceNanos = System.nanoTime();
        return new Delivery(record, message);
    }

    /** Waits out a released message's back-off, then releases it; false if the deadline came first. */
    private boolean settleParked(long deadline) {
        if (parked == null) {
            return true;
        }
        long waitNanos = parkedUntilNanos - System.nanoTime();
        if (waitNanos > 0) {
            long allowed = Math.min(waitNanos, deadline - System.nanoTime());
            if (allowed > 0) {
                lock.unlock();
                try {
                    Thread.sleep(Duration.ofNanos(allowed).toMillis(), (int) (allowed % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.lock();
                }
            }
            if (parkedUntilNanos - System.nanoTime() > 0) {
                return false;
            }
        }
        ConsumerRecord<byte[], ByteBuffer> record = parked;
        parked = null;
        acknowledge(record, AcknowledgeType.RELEASE, "releasing a message after its back-off");
        return true;
    }

    private void acknowledge(ConsumerRecord<byte[], ByteBuffer> record, AcknowledgeType type, String what) {
        try {
            consumer.acknowledge(record, type);
            if (durableAcks || type != AcknowledgeType.ACCEPT) {
                commit(what);
            }
        } catch (KafkaException | IllegalStateException e) {
            throw Failures.translate(what + " on queue '" + queue + "'", e);
        }
    }

    private void commit(String what) {
        Map<TopicIdPartition, Optional<KafkaException>> result = consumer.commitSync(engine.config().adminTimeout());
        for (Optional<KafkaException> failure : result.values()) {
            if (failure.isPresent()) {
                throw Failures.translate(what + " on queue '" + queue + "'", failure.get());
            }
        }
    }

    private void deadLetter(ConsumerRecord<byte[], ByteBuffer> record, Message message, String reason) {
        engine.deadLetter(queue, message, reason);
        // the copy is stored: the original is poison for this queue, REJECTed (archived, never redelivered)
        acknowledge(record, AcknowledgeType.REJECT, "dead-lettering message " + message.id());
    }

    /**
     * Renews the lock of a delivery held for more than half the lock duration (an HTTP receipt whose
     * visibility outlasts Kafka's lock). Called by the engine's renewal timer; skips a consumer that
     * is busy.
     */
    void renewIfDue(Duration lockDuration) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            // a renewal needs a poll, and a poll needs every record of the last one settled: a handler's
            // consumer with more of its batch in hand cannot renew (its handler must finish within the lock)
            if (closed || held == null || !fetched.isEmpty() || System.nanoTime() - heldSinceNanos < lockDuration.toNanos() / 2) {
                return;
            }
            consumer.acknowledge(held, AcknowledgeType.RENEW);
            commit("renewing the lock of a held message");
            // a renewed record comes back from the next poll; take it as the one held
            for (ConsumerRecord<byte[], ByteBuffer> again : consumer.poll(Duration.ZERO)) {
                if (again.partition() == held.partition() && again.offset() == held.offset()) {
                    held = again;
                } else {
                    fetched.add(again);
                }
            }
            heldSinceNanos = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.warn("queue '{}': renewing the lock of a held message failed ({}); Kafka may deliver it again", queue, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (ConsumerRecord<byte[], ByteBuffer> record : List.copyOf(fetched)) {
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
            }
            fetched.clear();
            if (parked != null) {
                consumer.acknowledge(parked, AcknowledgeType.RELEASE);
                parked = null;
            }
            if (held != null) {
                consumer.acknowledge(held, AcknowledgeType.RELEASE);
                held = null;
            }
            consumer.commitSync(engine.config().adminTimeout());
        } catch (RuntimeException e) {
            LOG.debug("queue '{}': giving back unsettled messages at close failed ({}); their locks expire instead", queue, e.toString());
        } finally {
            try {
                consumer.close(engine.config().adminTimeout());
            } catch (RuntimeException e) {
                LOG.debug("queue '{}': closing the share consumer: {}", queue, e.toString());
            }
            engine.unregister(this);
            lock.unlock();
        }
    }

    /** The one delivery this consumer holds. */
    private final class Delivery implements EngineDelivery {
        private final ConsumerRecord<byte[], ByteBuffer> record;
        private final Message message;

        Delivery(ConsumerRecord<byte[], ByteBuffer> record, Message message) {
            this.record = record;
            this.message = message;
        }

        @Override
        public Message message() {
            return message;
        }

        @Override
        public void ack() {
            settle(() -> acknowledge(current(), AcknowledgeType.ACCEPT, "acknowledging message " + message.id()));
        }

        @Override
        public void release() {
            settle(() -> {
                QueueOptions options = engine.catalog().options(queue);
                if (message.deliveryCount() >= options.maxDeliveries()) {
                    ShareQueueConsumer.this.deadLetter(current(), message, "released on delivery " + message.deliveryCount() + " of maxDeliveries " + options.maxDeliveries());
                    return;
                }
                Duration backOff = options.redelivery().delayBefore(message.deliveryCount());
                if (backOff.isZero()) {
                    acknowledge(current(), AcknowledgeType.RELEASE, "releasing message " + message.id());
                } else {
                    // the lock must outlive the back-off: wait at most half of it
                    long maxNanos = engine.config().recordLockDuration().toNanos() / 2;
                    parked = current();
                    parkedUntilNanos = System.nanoTime() + Math.min(backOff.toNanos(), maxNanos);
                }
            });
        }

        @Override
        public void deadLetter(String reason) {
            settle(() -> ShareQueueConsumer.this.deadLetter(current(), message, reason));
        }

        /** The record as last returned by Kafka (a renewal hands out a new instance of it). */
        private ConsumerRecord<byte[], ByteBuffer> current() {
            return held != null && held.offset() == record.offset() && held.partition() == record.partition() ? held : record;
        }

        private void settle(Runnable action) {
            lock.lock();
            try {
                if (held == null || held.offset() != record.offset() || held.partition() != record.partition()) {
                    throw new IllegalStateException("delivery of message " + message.id() + " from queue '" + queue + "' is already settled");
                }
                ConsumerRecord<byte[], ByteBuffer> settling = current();
                try {
                    action.run();
                } finally {
                    if (held == settling) {
                        held = null;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
