package io.parley.broker.kafka;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A topic subscription on a Kafka consumer. Both kinds start at the moment they were opened: a
 * partition without a committed position is sought to the first record published at or after it.
 *
 * <ul>
 *   <li>live ({@code durableName == null}): no consumer group; the consumer assigns itself every
 *       partition of the topic, or of every topic the pattern matches (looked up again each second);</li>
 *   <li>durable: consumer group {@code parley.subscription.<durableName>}; acknowledged positions are
 *       committed, so messages published while no consumer runs wait for the next one.</li>
 * </ul>
 *
 * A release seeks back to the released record (redelivered next, delivery count + 1, counted in
 * memory); a dead letter goes to the queue {@code <durableName or topic>.DLQ}, as does a record that
 * cannot be read as a message (with the reason).
 *
 * <p>Threading: one thread at a time (its session's).
 */
final class TopicConsumer implements EngineConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConsumer.class);
    private static final long REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final KafkaEngine engine;
    private final Destination.Topic topic;
    private final String source;
    private final boolean durable;
    private final boolean durableAcks;
    private final long startMillis = System.currentTimeMillis();
    private final KafkaConsumer<byte[], ByteBuffer> consumer;
    private final Pattern pattern;
    private final ArrayDeque<ConsumerRecord<byte[], ByteBuffer>> fetched = new ArrayDeque<>();
    private final Map<TopicPartition, Map<Long, Integer>> deliveries = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Durable subscriptions: the position after the last acknowledged record of each partition. */
    private final Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
    private long refreshedNanos;
    private ConsumerRecord<byte[], ByteBuffer> parked;
    private long parkedUntilNanos;
    private boolean holding;

    TopicConsumer(KafkaEngine engine, ConsumerSpec spec, boolean durableAcks) {
        this.engine = engine;
        this.topic = (Destination.Topic) spec.source();
        this.durable = spec.durableName() != null;
        this.source = durable ? spec.durableName() : topic.name();
        this.durableAcks = durableAcks;
        this.pattern = topic.isPattern() ? KafkaNames.topicPattern(topic) : null;
        if (pattern == null) {
            engine.catalog().ensureTopic(KafkaNames.topicOf(topic), false);
        }
        int window = Math.max(1, Math.min(spec.prefetch(), engine.config().maxPollRecords()));
        this.consumer = engine.clients().consumer(durable ? KafkaNames.subscriptionGroup(spec.durableName()) : null, window);
        try {
            if (durable) {
                if (pattern == null) {
                    engine.catalog().startSubscription(KafkaNames.subscriptionGroup(spec.durableName()), KafkaNames.topicOf(topic), startMillis);
                }
                Listener listener = new Listener();
                if (pattern != null) {
                    consumer.subscribe(pattern, listener);
                } else {
                    consumer.subscribe(List.of(KafkaNames.topicOf(topic)), listener);
                }
            } else {
                refreshAssignment();
            }
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw Failures.translate("subscribing to " + topic, e);
        }
    }

    /** Live subscriptions: assigns every partition of the matching topics, new ones from the start time. */
    private void refreshAssignment() {
        refreshedNanos = System.nanoTime();
        List<TopicPartition> partitions = new ArrayList<>();
        if (pattern == null) {
            List<PartitionInfo> infos = consumer.partitionsFor(KafkaNames.topicOf(topic), engine.config().adminTimeout());
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        } else {
            for (var entry : consumer.listTopics(engine.config().adminTimeout()).entrySet()) {
                if (pattern.matcher(entry.getKey()).matches()) {
                    entry.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
        }
        if (assigned.containsAll(partitions)) {
            return;
        }
        List<TopicPartition> added = partitions.stream().filter(p -> !assigned.contains(p)).toList();
        assigned.addAll(added);
        consumer.assign(assigned);
        seekToStart(added);
    }

    private void seekToStart(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, startMillis));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, engine.config().adminTimeout());
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, engine.config().adminTimeout());
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset != null ? offset.offset() : ends.get(partition));
        }
    }

    @Override
    public EngineDelivery receive(Duration wait) {
        if (holding) {
            throw new IllegalStateException("subscription to " + topic + " still holds an unsettled delivery");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!settleParked(deadline)) {
                return null;
            }
            boolean polledOnce = false;
            while (true) {
                ConsumerRecord<byte[], ByteBuffer> record = fetched.pollFirst();
                if (record != null) {
                    int count = deliveries.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new HashMap<>())
                            .merge(record.offset(), 1, Integer::sum);
                    Message message;
                    try {
                        message = MessageCodec.decode(record, count);
                    } catch (RuntimeException e) {
                        // poison for this subscription: dead-lettered as it came, then passed, and the subscription goes on
                        engine.deadLetterUnreadable("subscription " + source, source, record, e);
                        committed(record);
                        continue;
                    }
                    if (message.expiresAt().isPresent() && message.isExpired(Instant.now())) {
                        committed(record);
                        continue;
                    }
                    holding = true;
                    return new Delivery(record, message);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 && polledOnce) {
                    return null;
                }
                if (!durable && (pattern != null || assigned.isEmpty()) && System.nanoTime() - refreshedNanos > REFRESH_NANOS) {
                    refreshAssignment();
                }
                polledOnce = true;
                Duration pollFor = Duration.ofNanos(Math.max(remaining, Duration.ofMillis(50).toNanos()));
                if (pattern != null && !durable) {
                    pollFor = pollFor.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : pollFor;
                }
                if (!durable && assigned.isEmpty()) {
                    // no topic matches the pattern yet: nothing to poll until one is created
                    sleep(Math.min(pollFor.toNanos(), REFRESH_NANOS));
                    continue;
                }
                consumer.poll(pollFor).forEach(fetched::add);
            }
        } catch (RuntimeException e) {
            throw Failures.translate("receiving from " + topic, e);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean settleParked(long deadline) {
        if (parked == null) {
            return true;
        }
        long waitNanos = Math.min(parkedUntilNanos - System.nanoTime(), deadline - System.nanoTime());
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (parkedUntilNanos - System.nanoTime() > 0) {
            return false;
        }
        seekBack(parked);
        parked = null;
        return true;
    }

    private void seekBack(ConsumerRecord<byte[], ByteBuffer> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        fetched.removeIf(r -> r.topic().equals(record.topic()) && r.partition() == record.partition());
        consumer.seek(partition, record.offset());
    }

    private void committed(ConsumerRecord<byte[], ByteBuffer> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<Long, Integer> counts = deliveries.get(partition);
        if (counts != null) {
            counts.remove(record.offset());
        }
        if (!durable) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offset = Map.of(partition, new OffsetAndMetadata(record.offset() + 1));
        acknowledged.put(partition, offset.get(partition));
        if (durableAcks) {
            consumer.commitSync(offset, engine.config().adminTimeout());
        } else {
            consumer.commitAsync(offset, (o, e) -> {
                if (e != null) {
                    LOG.debug("subscription {}: committing a position failed: {}", source, e.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        try {
            if (durable) {
                consumer.commitSync(engine.config().adminTimeout());
            }
        } catch (RuntimeException e) {
            LOG.debug("subscription {}: final commit failed: {}", source, e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(engine.config().adminTimeout()));
        }
    }

    /** Durable subscriptions: partitions without a committed position start at the subscription's start time. */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), engine.config().adminTimeout());
            List<TopicPartition> fresh = partitions.stream().filter(p -> committed.get(p) == null).toList();
            if (!fresh.isEmpty()) {
                seekToStart(fresh);
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                fresh.forEach(p -> positions.put(p, new OffsetAndMetadata(consumer.position(p))));
                consumer.commitSync(positions, engine.config().adminTimeout());
            }
        }

        /**
         * Before another member takes the partitions: what was acknowledged here is committed (the
         * asynchronous commits may still be under way), so the next owner starts right after it.
         * Nothing is held then: a rebalance runs inside poll, which runs only when all is settled.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            fetched.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            partitions.forEach(p -> {
                OffsetAndMetadata position = acknowledged.remove(p);
                if (position != null) {
                    positions.put(p, position);
                }
            });
            if (!positions.isEmpty()) {
                consumer.commitSync(positions, engine.config().adminTimeout());
            }
        }
    }

    private final class Delivery implements EngineDelivery {
        private final ConsumerRecord<byte[], ByteBuffer> record;
        private final Message message;
        private boolean settled;

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
            settle();
            try {
                committed(record);
            } catch (RuntimeException e) {
                throw Failures.translate("acknowledging message " + message.id() + " of " + topic, e);
            }
        }

        @Override
        public void release() {
            settle();
            QueueOptions options = engine.catalog().options(source);
            if (message.deliveryCount() >= options.maxDeliveries()) {
                engine.deadLetter(source, message, "released on delivery " + message.deliveryCount() + " of maxDeliveries " + options.maxDeliveries());
                committed(record);
                return;
            }
            Duration backOff = options.redelivery().delayBefore(message.deliveryCount());
            if (backOff.isZero()) {
                seekBack(record);
            } else {
                parked = record;
                parkedUntilNanos = System.nanoTime() + backOff.toNanos();
            }
        }

        @Override
        public void deadLetter(String reason) {
            settle();
            engine.deadLetter(source, message, reason);
            committed(record);
        }

        private void settle() {
            if (settled) {
                throw new IllegalStateException("delivery of message " + message.id() + " from " + topic + " is already settled");
            }
            settled = true;
            holding = false;
        }
    }
}
