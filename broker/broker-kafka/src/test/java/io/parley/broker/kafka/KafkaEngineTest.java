package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.BrokerException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.UnsupportedCapabilityException;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.common.ErrorCode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the Kafka engine refuses, and how it says so; one in-process cluster for the class. */
@Timeout(120)
class KafkaEngineTest {

    @TempDir
    static Path directory;
    private static EmbeddedKafka kafka;
    private static Broker broker;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(directory.resolve("kafka"));
        KafkaEngine engine = KafkaEngine.connect(kafka.engineConfig().build());
        broker = Brokers.openOwning(engine, BrokerConfig.builder().clientId("engine-test").stateDirectory(directory.resolve("state")).build());
    }

    @AfterAll
    static void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void shouldRefuseMaxDeliveriesBeyondTheClustersDeliveryCountLimitNamingTheValue() {
        assertThatThrownBy(() -> broker.declareQueue("too-patient", QueueOptions.DEFAULT.withMaxDeliveries(30)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("maxDeliveries 30")
                .hasMessageContaining("share.delivery.count.limit")
                .satisfies(e -> assertThat(((BrokerException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void shouldAcceptTheDefaultTenDeliveriesWithKafkasLimitOneAbove() {
        broker.declareQueue("patient", QueueOptions.DEFAULT);
        broker.put("patient", Message.text("once"));

        assertThat(broker.get("patient", Duration.ofSeconds(20))).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("once"));
    }

    @Test
    void shouldDeadLetterARecordThatCannotBeReadAsAMessageAndGoOn() throws Exception {
        broker.declareQueue("poisoned", QueueOptions.DEFAULT);
        sendDamagedRecord("queue.poisoned");
        broker.put("poisoned", Message.text("after it"));

        assertThat(broker.get("poisoned", Duration.ofSeconds(20))).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("after it"));
        Message dead = broker.get(Broker.deadLetterQueue("poisoned"), Duration.ofSeconds(20)).orElseThrow();
        assertThat(dead.bodyAsText()).isEqualTo("damaged");
        assertThat(dead.header("origin")).contains("elsewhere");
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("record queue.poisoned-0-0 cannot be read as a message")
                .contains("header _p (message id and Lamport timestamp) is malformed"));
        assertThat(dead.header(BrokerHeaders.ORIGINAL_QUEUE)).contains("poisoned");
    }

    @Test
    void shouldDeadLetterAnUnreadableRecordOfADurableSubscriptionAndGoOn() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        try (Subscription audit = broker.subscribe(Destination.topic("bulletins"), "audit",
                delivery -> handled.add(delivery.message().bodyAsText()), ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE))) {
            sendDamagedRecord("topic.bulletins");
            broker.send(Destination.topic("bulletins"), Message.text("after it"), SyncPoint.STORED);

            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("after it"));
        }
        Message dead = broker.get(Broker.deadLetterQueue("audit"), Duration.ofSeconds(20)).orElseThrow();
        assertThat(dead.bodyAsText()).isEqualTo("damaged");
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("record topic.bulletins-0-0 cannot be read as a message")
                .contains("header _p (message id and Lamport timestamp) is malformed"));
        assertThat(handled).containsExactly("after it");
    }

    /** A record of another producer whose {@code _p} header is damaged: it says 20 bytes of id and holds one. */
    private static void sendDamagedRecord(String kafkaTopic) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("_p", new byte[] {40, 'x'});
        headers.add("origin", "elsewhere".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> other = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            other.send(new ProducerRecord<byte[], byte[]>(kafkaTopic, null, null, "damaged".getBytes(StandardCharsets.UTF_8), headers)).get();
        }
    }

    @Test
    void shouldRefuseAGroupKeyAndATransactionNamingTheCapability() {
        assertThatThrownBy(() -> broker.put("grouped", Message.builder().text("x").groupKey("customer-7").build()))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("kafka").hasMessageContaining("MESSAGE_GROUPS");
        assertThatThrownBy(() -> broker.inTransaction(tx -> null))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("LOCAL_TRANSACTIONS");
    }

    @Test
    void shouldFailToStartNamingTheClusterWhenNoBrokerAnswers() {
        KafkaEngine engine = KafkaEngine.connect(KafkaConfig.builder().bootstrapServers("localhost:1")
                .adminTimeout(Duration.ofSeconds(2)).build());

        assertThatThrownBy(engine::start)
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("localhost:1");
        engine.close();
    }
}
