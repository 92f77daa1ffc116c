package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.UnsupportedCapabilityException;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Apache Kafka engine: Parley's queues on share groups (KIP-932, Kafka &gt;= 4.2), its topics
 * on consumer groups, on a cluster reached at {@link KafkaConfig#bootstrapServers()}.
 *
 * <pre>
 *   put(q)      -> idempotent producer, acks=all  -> Kafka topic queue.q   (STORED = every in-sync replica has it)
 *   receive(q)  -> share consumer, group parley.queue.q, explicit ACCEPT / RELEASE / REJECT / RENEW
 *   publish(t)  -> Kafka topic topic.t;  subscribe(t, durable) -> consumer group parley.subscription.durable
 *   dead letter -> produce to queue.q.DLQ with parley_dead_letter_reason and parley_original_queue, then REJECT
 * </pre>
 *
 * What Kafka cannot do is declared absent in {@link #capabilities()} and so refused by the broker
 * client with {@code UnsupportedCapabilityException}: priorities, selectors, per-group FIFO on
 * queues (share groups hand one partition's records to many consumers at once), engine-side
 * duplicate detection by dedup id, transactions spanning a queue receive (share-group
 * acknowledgements do not join Kafka transactions) and transient (memory-only) messages.
 *
 * <p>Threading: thread-safe. One producer and one admin client are shared by all sessions; every
 * consumer has its own Kafka consumer. A timer renews the locks of held queue deliveries.
 */
public final class KafkaEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEngine.class);
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.EXPIRY, Capability.REDELIVERY_DELAY, Capability.DURABLE_SUBSCRIPTIONS, Capability.WILDCARDS,
            Capability.KEYED_TOPICS));

    private final KafkaConfig config;
    private final ClientFactory clients;
    private final Set<ShareQueueConsumer> queueConsumers = ConcurrentHashMap.newKeySet();
    private final Set<String> temporaryQueues = ConcurrentHashMap.newKeySet();
    private volatile Catalog catalog;
    private volatile KafkaProducer<byte[], byte[]> producer;
    private volatile ScheduledExecutorService renewals;
    private volatile boolean closed;

    private KafkaEngine(KafkaConfig config) {
        this.config = config;
        this.clients = new ClientFactory(config, "parley-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** An engine for the cluster {@code config} names; {@link #start()} connects. */
    public static KafkaEngine connect(KafkaConfig config) {
        return new KafkaEngine(config);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** The engine's configuration. */
    public KafkaConfig config() {
        return config;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new BrokerClosedException("Kafka engine is closed");
        }
        if (producer != null) {
            return;
        }
        Catalog started = new Catalog(clients.admin(), config);
        String clusterId;
        try {
            clusterId = started.clusterId();
        } catch (RuntimeException e) {
            started.close();
            throw Failures.translate("connecting to Kafka at " + config.bootstrapServers(), e);
        }
        catalog = started;
        producer = clients.producer();
        renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parley-kafka-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = Math.max(200, config.recordLockDuration().toMillis() / 4);
        renewals.scheduleWithFixedDelay(() -> queueConsumers.forEach(c -> c.renewIfDue(config.recordLockDuration())),
                periodMs, periodMs, TimeUnit.MILLISECONDS);
        LOG.info("Kafka engine connected to cluster {} at {}", clusterId, config.bootstrapServers());
    }

    @Override
    public void declareQueue(QueueSpec spec) {
        catalog().declareQueue(spec.name(), spec.options(), spec.temporary());
        if (spec.temporary()) {
            temporaryQueues.add(spec.name());
        }
    }

    @Override
    public void deleteQueue(String queue) {
        Destination.queue(queue);
        catalog().deleteQueue(queue);
    }

    @Override
    public EngineSession openSession(SessionMode mode) {
        if (mode == SessionMode.TRANSACTED) {
            throw new UnsupportedCapabilityException("engine 'kafka' does not support transacted sessions: share-group"
                    + " acknowledgements cannot join a Kafka transaction (capability LOCAL_TRANSACTIONS is not declared)");
        }
        catalog();
        return new KafkaSession(this, mode);
    }

    @Override
    public List<QueueInfo> queues() {
        return catalog().queues();
    }

    /** Sends {@code message} to {@code destination}; completes when every in-sync replica holds it. */
    CompletableFuture<Void> send(Destination destination, Message message) {
        KafkaProducer<byte[], byte[]> running = producer;
        if (running == null || closed) {
            return CompletableFuture.failedFuture(new BrokerClosedException("Kafka engine is not running: cannot send to " + destination));
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            ProducerRecord<byte[], byte[]> record = MessageCodec.encode(catalog.topicForSend(destination), message);
            running.send(record, (metadata, e) -> {
                if (e == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(Failures.translate("send to " + destination, e));
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(Failures.translate("send to " + destination, e));
        }
        return stored;
    }

    /** Puts a copy of {@code message} in {@code queue}'s dead-letter queue, and waits until it is stored. */
    void deadLetter(String queue, Message message, String reason) {
        Message copy = message.toBuilder()
                .rawHeader(BrokerHeaders.DEAD_LETTER_REASON, reason)
                .rawHeader(BrokerHeaders.ORIGINAL_QUEUE, queue)
                .expiresAt(null)
                .deliveryCount(0)
                .build();
        try {
            send(Destination.queue(Broker.deadLetterQueue(queue)), copy)
                    .get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw Failures.translate("dead-lettering message " + message.id() + " of queue '" + queue + "'", e);
        }
    }

    /**
     * Puts a record that {@code consumer} cannot read as a message (another producer's, or damaged)
     * in {@code queue}'s dead-letter queue as it came, with the reason, and waits until it is stored.
     */
    void deadLetterUnreadable(String consumer, String queue, ConsumerRecord<byte[], ByteBuffer> record, RuntimeException failure) {
        Message raw = MessageCodec.undecodable(record);
        LOG.warn("{}: dead-lettering record {}, which cannot be read as a message: {}", consumer, raw.id(), failure.getMessage());
        deadLetter(queue, raw, "record " + raw.id() + " cannot be read as a message: " + failure.getMessage());
    }

    Catalog catalog() {
        Catalog running = catalog;
        if (running == null || closed) {
            throw new BrokerClosedException("Kafka engine is not running (start it first, or it was closed)");
        }
        return running;
    }

    ClientFactory clients() {
        return clients;
    }

    void register(ShareQueueConsumer consumer) {
        queueConsumers.add(consumer);
    }

    void unregister(ShareQueueConsumer consumer) {
        queueConsumers.remove(consumer);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (renewals != null) {
            renewals.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        Catalog running = catalog;
        if (running != null) {
            for (String queue : temporaryQueues) {
                try {
                    running.deleteQueue(queue);
                } catch (RuntimeException e) {
                    LOG.debug("temporary queue {} not deleted: {}", queue, e.toString());
                }
            }
            running.close();
        }
    }
}
