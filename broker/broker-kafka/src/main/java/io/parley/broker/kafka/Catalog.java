package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.BrokerException;
import io.parley.broker.Destination;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.common.ErrorCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The engine's administration of the cluster through one {@link Admin} client: topics (created on
 * first use, remembered), each queue's share-group configuration, and the queue listing. Thread-safe.
 *
 * <p>Each queue's share group is configured when the queue is declared:
 * {@code share.auto.offset.reset=earliest} (a queue keeps what was put before its first consumer
 * came), {@code share.record.lock.duration.ms} (how long a crashed consumer's messages stay locked),
 * and {@code share.delivery.count.limit}, Kafka's own delivery limit (2..10 by default): Parley asks
 * for {@code maxDeliveries + 1}, so that a message whose last allowed delivery was lost in a crash
 * is delivered once more, seen to be over the limit and dead-lettered, rather than archived by Kafka
 * where no one sees it. See {@link #declareQueue}.
 */
final class Catalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    static final String DELIVERY_COUNT_LIMIT = "share.delivery.count.limit";
    static final String RECORD_LOCK_DURATION = "share.record.lock.duration.ms";
    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";

    private final Admin admin;
    private final KafkaConfig config;
    private final Set<String> knownTopics = ConcurrentHashMap.newKeySet();
    /** The Kafka topic of each destination sent to, once it exists: a send looks its topic up without building its name. */
    private final Map<Destination, String> sendTopics = new ConcurrentHashMap<>();
    private final Map<String, QueueOptions> queueOptions = new ConcurrentHashMap<>();

    Catalog(Admin admin, KafkaConfig config) {
        this.admin = admin;
        this.config = config;
    }

    /** Answers the cluster's id once the cluster answers; fails if it does not within the admin timeout. */
    String clusterId() {
        try {
            return admin.describeCluster().clusterId().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw Failures.translate("asking the Kafka cluster at " + config.bootstrapServers() + " for its id", e);
        }
    }

    /** The Kafka topic a send to {@code destination} goes to, created if this engine has not seen it yet. */
    String topicForSend(Destination destination) {
        String topic = sendTopics.get(destination);
        if (topic == null) {
            topic = KafkaNames.topicOf(destination);
            ensureTopic(topic, false);
            sendTopics.put(destination, topic);
        }
        return topic;
    }

    /** Creates the Kafka topic if this engine has not seen it yet. */
    void ensureTopic(String topic, boolean temporary) {
        if (knownTopics.contains(topic)) {
            return;
        }
        NewTopic newTopic = new NewTopic(topic, Optional.of(config.partitions()),
                config.replicationFactor() < 0 ? Optional.empty() : Optional.of(config.replicationFactor()));
        if (temporary) {
            // a reply queue lives as long as its client; a client that crashed leaves it behind, so it ages out
            newTopic.configs(Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis())));
        }
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw Failures.translate("creating Kafka topic '" + topic + "'", e);
            }
        } catch (Exception e) {
            throw Failures.translate("creating Kafka topic '" + topic + "'", e);
        }
        knownTopics.add(topic);
    }

    /**
     * Creates the queue's topic and its dead-letter topic and configures both share groups.
     *
     * @throws BrokerException {@code invalid-argument} if {@code maxDeliveries} is beyond what the
     *         cluster's {@code group.share.max.delivery.count.limit} allows
     */
    void declareQueue(String queue, QueueOptions options, boolean temporary) {
        ensureTopic(KafkaNames.queueTopic(queue), temporary);
        ensureTopic(KafkaNames.deadLetterTopic(queue), temporary);
        if (!options.equals(queueOptions.get(queue))) {
            configureGroup(KafkaNames.shareGroup(queue), options);
            configureGroup(KafkaNames.shareGroup(Broker.deadLetterQueue(queue)), QueueOptions.DEFAULT.withMaxDeliveries(
                    Math.min(QueueOptions.DEFAULT_MAX_DELIVERIES, options.maxDeliveries())));
            queueOptions.put(queue, options);
        }
    }

    private void configureGroup(String group, QueueOptions options) {
        int limit = options.maxDeliveries() + 1;
        try {
            alterGroup(group, limit);
        } catch (BrokerException e) {
            if (!(Failures.unwrap(e.getCause()) instanceof InvalidConfigurationException)) {
                throw e;
            }
            try {
                // the cluster's limit is below maxDeliveries + 1: Kafka archives a message whose last
                // delivery's consumer crashed instead of giving it back once more to be dead-lettered
                alterGroup(group, options.maxDeliveries());
                LOG.warn("share group {}: Kafka's share.delivery.count.limit cannot be {}; using {} (= maxDeliveries): a message whose "
                        + "last delivery is lost in a consumer crash is archived by Kafka instead of dead-lettered", group, limit, options.maxDeliveries());
            } catch (BrokerException second) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "queue share group '" + group + "': maxDeliveries "
                        + options.maxDeliveries() + " is beyond the Kafka cluster's share.delivery.count.limit range (by default 2..10,"
                        + " group.share.max.delivery.count.limit on the brokers): " + second.getMessage(), second);
            }
        }
    }

    private void alterGroup(String group, int deliveryCountLimit) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        List<AlterConfigOp> ops = List.of(
                new AlterConfigOp(new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(DELIVERY_COUNT_LIMIT, Integer.toString(Math.max(2, deliveryCountLimit))), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(RECORD_LOCK_DURATION, Long.toString(config.recordLockDuration().toMillis())), AlterConfigOp.OpType.SET));
        try {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw Failures.translate("configuring Kafka share group '" + group + "'", e);
        }
    }

    /**
     * Gives a durable subscription's consumer group a committed position on every partition of
     * {@code topic} that has none: the first record published at or after {@code startMillis}. Done
     * through the admin client, before the consumer joins, so that messages published after the
     * subscription was made wait for it even if it closes before its consumer was ever assigned.
     */
    void startSubscription(String group, String topic, long startMillis) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeoutMs(), TimeUnit.MILLISECONDS);
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> fresh = new HashMap<>();
            description.partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                    .filter(tp -> committed.get(tp) == null).forEach(tp -> fresh.put(tp, OffsetSpec.forTimestamp(startMillis)));
            if (fresh.isEmpty()) {
                return;
            }
            var atStart = admin.listOffsets(fresh).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            fresh.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : fresh.keySet()) {
                long offset = atStart.get(tp).offset();
                positions.put(tp, new OffsetAndMetadata(offset >= 0 ? offset : ends.get(tp).offset()));
            }
            admin.alterConsumerGroupOffsets(group, positions).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // a running member of the group (concurrency > 1) owns the positions already
            LOG.debug("subscription group {}: initial positions not set: {}", group, e.getCause().toString());
        } catch (Exception e) {
            throw Failures.translate("starting durable subscription group '" + group + "'", e);
        }
    }

    /** The options the queue was declared with here, or the defaults. */
    QueueOptions options(String queue) {
        return queueOptions.getOrDefault(queue, QueueOptions.DEFAULT);
    }

    /** Deletes the queue's share groups (first: their state lives with the topics) and then its topics. */
    void deleteQueue(String queue) {
        try {
            admin.deleteShareGroups(List.of(KafkaNames.shareGroup(queue), KafkaNames.shareGroup(Broker.deadLetterQueue(queue))))
                    .all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("deleting the share groups of queue '{}': {}", queue, e.toString());
        }
        List<String> topics = List.of(KafkaNames.queueTopic(queue), KafkaNames.deadLetterTopic(queue));
        try {
            admin.deleteTopics(topics).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw Failures.translate("deleting queue '" + queue + "'", e);
            }
        } catch (Exception e) {
            throw Failures.translate("deleting queue '" + queue + "'", e);
        } finally {
            topics.forEach(knownTopics::remove);
            sendTopics.values().removeAll(topics);
            queueOptions.remove(queue);
        }
    }

    /** Every queue on the cluster (dead-letter queues are counted with their queue, not listed). */
    List<QueueInfo> queues() {
        try {
            Set<String> names = admin.listTopics().names().get(timeoutMs(), TimeUnit.MILLISECONDS);
            List<String> queues = names.stream().map(KafkaNames::queueOf).filter(q -> q != null && !q.endsWith(".DLQ")).sorted().toList();
            if (queues.isEmpty()) {
                return List.of();
            }
            List<String> allQueues = new ArrayList<>(queues);
            queues.stream().map(Broker::deadLetterQueue).filter(q -> names.contains(KafkaNames.queueTopic(q))).forEach(allQueues::add);
            Map<String, Long> depths = depths(allQueues);
            Map<String, Integer> consumers = consumers(queues);
            return queues.stream().map(q -> new QueueInfo(q, depths.getOrDefault(q, 0L), consumers.getOrDefault(q, 0),
                    depths.getOrDefault(Broker.deadLetterQueue(q), 0L))).toList();
        } catch (Exception e) {
            throw Failures.translate("listing queues", e);
        }
    }

    /** Messages waiting in each queue: from its share group's start offset (or the log start) to the log end. */
    private Map<String, Long> depths(Collection<String> queues) throws Exception {
        Map<TopicPartition, OffsetSpec> endSpecs = new HashMap<>();
        Map<TopicPartition, OffsetSpec> startSpecs = new HashMap<>();
        Map<String, TopicDescription> descriptions = admin.describeTopics(queues.stream().map(KafkaNames::queueTopic).toList())
                .allTopicNames().get(timeoutMs(), TimeUnit.MILLISECONDS);
        for (TopicDescription description : descriptions.values()) {
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(description.name(), p.partition());
                endSpecs.put(tp, OffsetSpec.latest());
                startSpecs.put(tp, OffsetSpec.earliest());
            });
        }
        var ends = admin.listOffsets(endSpecs).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        var starts = admin.listOffsets(startSpecs).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
        Map<String, ListShareGroupOffsetsSpec> groupSpecs = queues.stream().collect(Collectors.toMap(KafkaNames::shareGroup,
                q -> new ListShareGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, SharePartitionOffsetInfo>> groupOffsets = new HashMap<>();
        try {
            groupOffsets.putAll(admin.listShareGroupOffsets(groupSpecs).all().get(timeoutMs(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            for (String group : groupSpecs.keySet()) {
                try {
                    groupOffsets.put(group, admin.listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                            .partitionsToOffsetInfo(group).get(timeoutMs(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException absent) {
                    LOG.trace("share group {} has no offsets yet", group);
                }
            }
        }
        Map<String, Long> depths = new HashMap<>();
        for (String queue : queues) {
            String topic = KafkaNames.queueTopic(queue);
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = groupOffsets.getOrDefault(KafkaNames.shareGroup(queue), Map.of());
            long depth = 0;
            for (var end : ends.entrySet()) {
                if (!end.getKey().topic().equals(topic)) {
                    continue;
                }
                SharePartitionOffsetInfo info = offsets == null ? null : offsets.get(end.getKey());
                long endOffset = end.getValue().offset();
                if (info != null && info.lag().isPresent()) {
                    depth += info.lag().get();
                } else {
                    long start = info != null ? Math.max(info.startOffset(), starts.get(end.getKey()).offset())
                            : starts.get(end.getKey()).offset();
                    depth += Math.max(0, endOffset - start);
                }
            }
            depths.put(queue, depth);
        }
        return depths;
    }

    private Map<String, Integer> consumers(List<String> queues) throws Exception {
        Map<String, ShareGroupDescription> groups = new HashMap<>();
        var result = admin.describeShareGroups(queues.stream().map(KafkaNames::shareGroup).toList());
        for (var entry : result.describedGroups().entrySet()) {
            try {
                groups.put(entry.getKey(), entry.getValue().get(timeoutMs(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                LOG.trace("share group {} not described: {}", entry.getKey(), e.getCause().toString());
            }
        }
        Map<String, Integer> consumers = new HashMap<>();
        for (String queue : queues) {
            ShareGroupDescription description = groups.get(KafkaNames.shareGroup(queue));
            consumers.put(queue, description == null ? 0 : description.members().size());
        }
        return consumers;
    }

    private long timeoutMs() {
        return config.adminTimeout().toMillis();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
