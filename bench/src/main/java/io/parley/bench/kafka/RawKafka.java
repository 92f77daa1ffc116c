package io.parley.bench.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The baseline: Kafka's own clients on the same cluster — a {@link KafkaProducer} with the settings
 * Parley's engine uses (idempotent, {@code acks=all}, {@code linger.ms=1}) and a
 * {@link KafkaShareConsumer} with explicit acknowledgement ({@code ACCEPT} per record), on a topic
 * of one partition like Parley's queues. Owns its admin client and producer.
 */
final class RawKafka implements KafkaSide {

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    RawKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String description() {
        return "raw kafka-clients: KafkaProducer (idempotent, acks=all, linger.ms=1) pipelined, "
                + "one KafkaShareConsumer (share.acknowledgement.mode=explicit, ACCEPT per record), one thread each";
    }

    @Override
    public double run(String queue, int messages, byte[] payload, int window) throws Exception {
        String topic = "raw." + queue;
        String group = "raw." + queue;
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET)))).all().get();
        Flow flow = new Flow(messages, window);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(topic, group, flow, running), "raw-share-consumer");
        consumer.start();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                flow.beforeSend();
                producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> flow.sendCompleted(error));
            }
            long end = flow.awaitAll(Duration.ofSeconds(60));
            return messages / ((end - start) / 1e9);
        } finally {
            running.set(false);
            consumer.join(30_000);
        }
    }

    private void consume(String topic, String group, Flow flow, AtomicBoolean running) {
        try (KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get() && !flow.complete()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    flow.arrived();
                }
            }
            consumer.commitSync();
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
