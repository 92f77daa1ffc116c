package io.parley.broker.artemis;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.LamportTimestamp;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Artemis engine against one embedded server with persistence on, journal in a temporary directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path data;
    static ArtemisEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).messagingPort(0).build());
        engine.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void shouldDeclareEveryCapability() {
        assertThat(engine.capabilities()).containsExactlyInAnyOrder(Capability.values());
    }

    @Test
    void shouldRoundTripEveryMessageField() {
        String queue = declare(QueueOptions.DEFAULT);
        Message sent = Message.builder()
                .body(new byte[] {0, 1, 2, (byte) 0xff}, "application/x-test")
                .header("region", "eu")
                .header("amount", "42")
                .rawHeader(BrokerHeaders.SYNC_POINT, "DELIVERED")
                .correlationId("corr-1")
                .replyTo(Destination.topic("replies.eu"))
                .timestamp(Instant.parse("2024-05-06T07:08:09.123456789Z"))
                .lamport(new LamportTimestamp(17, "node-a"))
                .priority(7)
                .expiresAt(Instant.now().plusSeconds(3600).plusNanos(123_456))
                .dedupId("dedup-" + queue)
                .groupKey("group-1")
                .durability(Durability.TRANSIENT)
                .build();
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue(queue), sent).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 10))) {
                EngineDelivery delivery = consumer.receive(WAIT);
                assertThat(delivery).isNotNull();
                assertThat(delivery.message()).isEqualTo(sent.toBuilder().deliveryCount(1).build());
                delivery.ack();
            }
        }
    }

    @Test
    void shouldCompletePipelinedSendsOnceStored() {
        String queue = declare(QueueOptions.DEFAULT);
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            for (int i = 0; i < 500; i++) {
                stored.add(session.send(Destination.queue(queue), Message.text("m" + i)));
            }
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(depth(queue)).isEqualTo(500);
    }

    @Test
    void shouldCountAMessageAcknowledgedWhenAnAckOnDeliverySessionReceivesIt() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession sender = engine.openSession(SessionMode.FAST_ACKS)) {
            sender.send(Destination.queue(queue), Message.text("once")).join();
        }
        try (EngineSession session = engine.openSession(SessionMode.ACK_ON_DELIVERY);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 10))) {
            EngineDelivery delivery = consumer.receive(WAIT);
            assertThat(delivery.message().bodyAsText()).isEqualTo("once");
            // closed without ack: a FAST_ACKS or DURABLE_ACKS consumer would see the message come back
        }
        assertThat(depth(queue)).isZero();
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 10))) {
            assertThat(consumer.receive(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void shouldRedeliverAfterReleaseWithBackOffAndDeliveryCount() {
        String queue = declare(QueueOptions.DEFAULT.withRedelivery(new RedeliveryPolicy(Duration.ofMillis(300), 1.0, Duration.ofMillis(300))));
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 10))) {
            session.send(Destination.queue(queue), Message.text("again")).join();
            EngineDelivery first = consumer.receive(WAIT);
            assertThat(first.message().deliveryCount()).isEqualTo(1);
            long releasedAt = System.nanoTime();
            first.release();
            EngineDelivery second = consumer.receive(WAIT);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt);
            assertThat(second).isNotNull();
            assertThat(second.message().bodyAsText()).isEqualTo("again");
            assertThat(second.message().deliveryCount()).isEqualTo(2);
            assertThat(waitedMs).isGreaterThanOrEqualTo(250);
            second.ack();
        }
    }

    @Test
    void shouldDeadLetterAfterMaxDeliveriesWithReasonAndOriginalQueue() {
        String queue = declare(new QueueOptions(3, RedeliveryPolicy.IMMEDIATE));
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue(queue), Message.text("poison")).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    EngineDelivery delivery = consumer.receive(WAIT);
                    assertThat(delivery.message().deliveryCount()).isEqualTo(attempt);
                    delivery.release();
                }
                assertThat(consumer.receive(Duration.ofMillis(200))).isNull();
            }
            try (EngineConsumer dead = session.consumer(ConsumerSpec.queue(queue + ".DLQ", 0))) {
                EngineDelivery delivery = dead.receive(WAIT);
                assertThat(delivery.message().bodyAsText()).isEqualTo("poison");
                assertThat(delivery.message().headers())
                        .containsEntry(BrokerHeaders.ORIGINAL_QUEUE, queue)
                        .containsEntry(BrokerHeaders.DEAD_LETTER_REASON, "delivered 3 times without acknowledgement (maxDeliveries 3)");
                delivery.ack();
            }
        }
    }

    @Test
    void shouldDeadLetterOnRequestWithTheGivenReason() {
        String queue = declare(QueueOptions.DEFAULT);
        Message sent = Message.builder().text("{bad json").header("kind", "order").build();
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue(queue), sent).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
                consumer.receive(WAIT).deadLetter("body is not JSON");
                assertThat(consumer.receive(Duration.ofMillis(200))).isNull();
            }
            try (EngineConsumer dead = session.consumer(ConsumerSpec.queue(queue + ".DLQ", 0))) {
                Message copy = dead.receive(WAIT).message();
                assertThat(copy.id()).isEqualTo(sent.id());
                assertThat(copy.headers()).containsEntry("kind", "order")
                        .containsEntry(BrokerHeaders.DEAD_LETTER_REASON, "body is not JSON")
                        .containsEntry(BrokerHeaders.ORIGINAL_QUEUE, queue);
            }
        }
        assertThat(engine.queues()).filteredOn(q -> q.name().equals(queue))
                .containsExactly(new QueueInfo(queue, 0, 0, 1));
    }

    @Test
    void shouldKeepNoExpiryOnADeadLetterCopySoItStaysInTheDeadLetterQueue() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue(queue), Message.builder().text("short lived").timeToLive(Duration.ofMinutes(5)).build()).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
                consumer.receive(WAIT).deadLetter("handler failed");
            }
            try (EngineConsumer dead = session.consumer(ConsumerSpec.queue(queue + ".DLQ", 0))) {
                Message copy = dead.receive(WAIT).message();
                assertThat(copy.bodyAsText()).isEqualTo("short lived");
                assertThat(copy.expiresAt()).as("a dead letter waits for an operator; it does not expire").isEmpty();
            }
        }
    }

    @Test
    void shouldRoundTripHeadersNamedLikeOtherProtocolsPropertiesAndOddValues() {
        String queue = declare(QueueOptions.DEFAULT);
        Message sent = Message.builder().text("h")
                .header("JMSX_trace", "t-1")
                .header("NATIVE_MESSAGE_ID_copy", "n-1")
                .header("empty", "")
                .header("unicode", "caf\u00e9 \u20ac \ud83d\ude00 'quoted' \"double\" \n\t")
                .build();
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue(queue), sent).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
                EngineDelivery delivery = consumer.receive(WAIT);
                assertThat(delivery.message().headers()).isEqualTo(sent.headers());
                delivery.ack();
            }
        }
    }

    @Test
    void shouldTranslateAnInterruptedReceiveAndKeepTheThreadInterrupted() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> consumer.receive(WAIT))
                        .isInstanceOf(BrokerUnavailableException.class)
                        .hasMessage("receive from queue '" + queue + "' was interrupted");
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void shouldSuppressDuplicateSendsByDedupId() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.send(Destination.queue(queue), Message.builder().text("one").dedupId("order-7").build()).join();
            session.send(Destination.queue(queue), Message.builder().text("two").dedupId("order-7").build()).join();
            session.send(Destination.queue(queue), Message.builder().text("three").build()).join();
        }
        assertThat(receiveAll(queue, 3)).containsExactly("one", "three");
    }

    @Test
    void shouldDeliverHigherPriorityFirst() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            for (int priority : new int[] {1, 9, 4, 7}) {
                session.send(Destination.queue(queue), Message.builder().text("p" + priority).priority(priority).build()).join();
            }
        }
        assertThat(receiveAll(queue, 4)).containsExactly("p9", "p7", "p4", "p1");
    }

    @Test
    void shouldKeepAGroupOnOneConsumerInOrder() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession a = engine.openSession(SessionMode.FAST_ACKS);
             EngineSession b = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer first = a.consumer(ConsumerSpec.queue(queue, 0));
             EngineConsumer second = b.consumer(ConsumerSpec.queue(queue, 0))) {
            for (int i = 0; i < 6; i++) {
                a.send(Destination.queue(queue), Message.builder().text("g" + i).groupKey("g").build()).join();
            }
            List<String> fromFirst = drain(first);
            List<String> fromSecond = drain(second);
            List<String> winner = fromFirst.isEmpty() ? fromSecond : fromFirst;
            assertThat(fromFirst.isEmpty() || fromSecond.isEmpty()).as("one consumer holds the group").isTrue();
            assertThat(winner).containsExactly("g0", "g1", "g2", "g3", "g4", "g5");
        }
    }

    @Test
    void shouldNeverDeliverExpiredMessages() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.send(Destination.queue(queue), Message.builder().text("stale").expiresAt(Instant.now().plusMillis(100)).build()).join();
            session.send(Destination.queue(queue), Message.builder().text("fresh").timeToLive(Duration.ofMinutes(5)).build()).join();
            await().atMost(WAIT).until(() -> depth(queue) == 1);
        }
        assertThat(receiveAll(queue, 2)).containsExactly("fresh");
    }

    @Test
    void shouldFilterWithSelectorsOnHeaders() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.send(Destination.queue(queue), Message.builder().text("us").header("region", "us").build()).join();
            session.send(Destination.queue(queue), Message.builder().text("eu").header("region", "eu").build()).join();
            try (EngineConsumer consumer = session.consumer(new ConsumerSpec(Destination.queue(queue), null, "region = 'eu'", 10))) {
                EngineDelivery delivery = consumer.receive(WAIT);
                assertThat(delivery.message().bodyAsText()).isEqualTo("eu");
                delivery.ack();
                assertThat(consumer.receive(Duration.ofMillis(200))).isNull();
            }
        }
    }

    @Test
    void shouldRejectAnInvalidSelectorNamingIt() {
        String queue = declare(QueueOptions.DEFAULT);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            assertThatThrownBy(() -> session.consumer(new ConsumerSpec(Destination.queue(queue), null, "region = = 'eu'", 10)))
                    .hasMessageContaining("selector 'region = = 'eu''");
        }
    }

    @Test
    void shouldRouteTopicsToLiveWildcardSubscriptions() {
        String root = "orders" + NAMES.incrementAndGet();
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer oneWord = session.consumer(new ConsumerSpec(Destination.topic(root + ".*"), null, null, 10));
             EngineConsumer anyTail = session.consumer(new ConsumerSpec(Destination.topic(root + ".#"), null, null, 10))) {
            session.send(Destination.topic(root + ".eu"), Message.text("eu")).join();
            session.send(Destination.topic(root + ".eu.nl"), Message.text("eu.nl")).join();
            session.send(Destination.topic("other" + root + ".eu"), Message.text("other")).join();
            assertThat(drain(oneWord)).containsExactly("eu");
            assertThat(drain(anyTail)).containsExactly("eu", "eu.nl");
        }
        assertThat(engine.queues()).noneMatch(q -> q.name().startsWith(QueueTopology.LIVE_SUBSCRIPTION_PREFIX));
    }

    @Test
    void shouldKeepMessagesForADurableSubscriptionWhileItsConsumerIsAway() {
        String root = "prices" + NAMES.incrementAndGet();
        String subscription = "sub-" + root;
        ConsumerSpec spec = new ConsumerSpec(Destination.topic(root + ".#"), subscription, null, 10);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.consumer(spec).close();
            session.send(Destination.topic(root + ".eur"), Message.text("while away")).join();
            try (EngineConsumer consumer = session.consumer(spec)) {
                assertThat(drain(consumer)).containsExactly("while away");
            }
        }
    }

    @Test
    void shouldCommitSendsAndAcksTogether() {
        String in = declare(QueueOptions.DEFAULT);
        String out = declare(QueueOptions.DEFAULT);
        send(in, "request");
        try (EngineSession tx = engine.openSession(SessionMode.TRANSACTED);
             EngineConsumer consumer = tx.consumer(ConsumerSpec.queue(in, 0))) {
            EngineDelivery delivery = consumer.receive(WAIT);
            tx.send(Destination.queue(out), Message.text("reply")).join();
            delivery.ack();
            assertThat(depth(out)).isZero();
            tx.commit();
        }
        assertThat(depth(in)).isZero();
        assertThat(receiveAll(out, 1)).containsExactly("reply");
    }

    @Test
    void shouldRollBackSendsAndRedeliverReceivedMessages() {
        String in = declare(QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE));
        String out = declare(QueueOptions.DEFAULT);
        send(in, "request");
        try (EngineSession tx = engine.openSession(SessionMode.TRANSACTED);
             EngineConsumer consumer = tx.consumer(ConsumerSpec.queue(in, 0))) {
            EngineDelivery delivery = consumer.receive(WAIT);
            tx.send(Destination.queue(out), Message.text("reply")).join();
            delivery.ack();
            tx.rollback();
            EngineDelivery again = consumer.receive(WAIT);
            assertThat(again.message().bodyAsText()).isEqualTo("request");
            assertThat(again.message().deliveryCount()).isEqualTo(2);
            again.ack();
            tx.commit();
        }
        assertThat(depth(out)).isZero();
    }

    @Test
    void shouldListQueuesWithDepthConsumersAndDeadLettersLeavingOutInternalOnes() {
        String queue = declare(QueueOptions.DEFAULT);
        engine.declareQueue(new QueueSpec("parley.replies." + queue, QueueOptions.DEFAULT, true));
        send(queue, "a");
        send(queue, "b");
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS);
             EngineConsumer ignored = session.consumer(ConsumerSpec.queue(queue, 0))) {
            assertThat(engine.queues()).filteredOn(q -> q.name().equals(queue)).containsExactly(new QueueInfo(queue, 2, 1, 0));
        }
        assertThat(engine.queues()).extracting(QueueInfo::name)
                .noneMatch(name -> name.startsWith("parley.") || name.endsWith(".DLQ") || name.startsWith("activemq."));
        engine.deleteQueue(queue);
        assertThat(engine.queues()).extracting(QueueInfo::name).doesNotContain(queue);
    }

    @Test
    void shouldFailASendToAPatternNamingIt() {
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            assertThatThrownBy(() -> session.send(Destination.topic("orders.*"), Message.text("x")).join())
                    .hasRootCauseMessage("topic 'orders.*' is a pattern: send to a plain topic name");
        }
    }

    private static String declare(QueueOptions options) {
        String queue = "q" + NAMES.incrementAndGet();
        engine.declareQueue(QueueSpec.durable(queue, options));
        return queue;
    }

    private static void send(String queue, String text) {
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.send(Destination.queue(queue), Message.text(text)).join();
        }
    }

    private static long depth(String queue) {
        return engine.queues().stream().filter(q -> q.name().equals(queue)).findFirst().orElseThrow().depth();
    }

    /** Receives until {@code expected} arrived or nothing more comes; acknowledges each. */
    private static List<String> receiveAll(String queue, int expected) {
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS);
             EngineConsumer consumer = session.consumer(ConsumerSpec.queue(queue, 0))) {
            List<String> bodies = new ArrayList<>();
            EngineDelivery delivery;
            while (bodies.size() < expected && (delivery = consumer.receive(Duration.ofMillis(500))) != null) {
                bodies.add(new String(delivery.message().body(), StandardCharsets.UTF_8));
                delivery.ack();
            }
            return bodies;
        }
    }

    private static List<String> drain(EngineConsumer consumer) {
        List<String> bodies = new ArrayList<>();
        EngineDelivery delivery;
        while ((delivery = consumer.receive(Duration.ofMillis(500))) != null) {
            bodies.add(delivery.message().bodyAsText());
            delivery.ack();
        }
        return bodies;
    }
}
