package io.parley.broker.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the engine's Kafka clients with the settings Parley's promises need: an idempotent
 * producer that completes a send only when every in-sync replica has the record ({@code acks=all},
 * which is what STORED means on Kafka), share consumers with explicit acknowledgement, and consumers
 * that never commit on their own. Stateless apart from a client-id sequence; thread-safe.
 */
final class ClientFactory {

    private final KafkaConfig config;
    private final String clientIdPrefix;
    private final AtomicInteger sequence = new AtomicInteger();

    ClientFactory(KafkaConfig config, String clientIdPrefix) {
        this.config = config;
        this.clientIdPrefix = clientIdPrefix;
    }

    Admin admin() {
        Map<String, Object> props = common("admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.adminTimeout().toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.adminTimeout().toMillis(), 30_000));
        return Admin.create(props);
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = common("producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.adminTimeout().toMillis());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    KafkaShareConsumer<byte[], ByteBuffer> shareConsumer(String group, int maxPollRecords) {
        Map<String, Object> props = common("share");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        // one record at a time (receivers): record_limit acquires no more than asked and prefetches nothing;
        // a window (handlers): batch_optimized, Kafka's fast path, may acquire a batch beyond it
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, maxPollRecords <= 1 ? "record_limit" : "batch_optimized");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // an empty share fetch returns after this long, so that a receive learns soon that nothing is waiting
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        // a receipt may hold its message for hours (renewing the lock): do not leave the group meanwhile
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.MAX_VALUE);
        return new KafkaShareConsumer<>(props, new ByteArrayDeserializer(), new ByteBufferDeserializer());
    }

    KafkaConsumer<byte[], ByteBuffer> consumer(String group, int maxPollRecords) {
        Map<String, Object> props = common("consumer");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteBufferDeserializer());
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "-" + role + "-" + sequence.incrementAndGet());
        return props;
    }
}
