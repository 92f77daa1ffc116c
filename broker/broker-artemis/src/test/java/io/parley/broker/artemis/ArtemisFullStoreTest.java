package io.parley.broker.artemis;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.StoreFullException;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * When the embedded store is full it refuses sends, but administration still answers: listing
 * queues and declaring one use the server's control directly, not management messages (which a
 * full store would refuse too). Once consumers drain it, it accepts sends again, and every message
 * it accepted is delivered. One engine per test: a full store is shared by all its queues.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisFullStoreTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path data;
    ArtemisEngine engine;

    @BeforeEach
    void start() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).messagingPort(0)
                .globalMaxSizeBytes(MIB).build());
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void shouldListAndDeclareQueuesWhileTheStoreRefusesWrites() {
        engine.declareQueue(QueueSpec.durable("full", QueueOptions.DEFAULT));
        Message big = Message.of(new byte[64 * 1024], Message.OCTET_STREAM);
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    session.send(Destination.queue("full"), big.toBuilder().newId().build()).join();
                }
            }).isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreFullException.class)
                    .cause().hasMessageContaining("messages held in memory reached global-max-size " + MIB + " bytes");
        }

        List<QueueInfo> queues = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> engine.queues());
        assertThat(queues).anySatisfy(q -> {
            assertThat(q.name()).isEqualTo("full");
            assertThat(q.depth()).isPositive();
        });
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> engine.declareQueue(QueueSpec.durable("after-full", QueueOptions.DEFAULT)));
        assertThat(engine.queues()).extracting(QueueInfo::name).contains("after-full");
    }

    @Test
    void shouldAcceptSendsAgainOnceTheFullStoreIsDrainedAndDeliverEveryMessageItAccepted() {
        engine.declareQueue(QueueSpec.durable("drained", QueueOptions.DEFAULT));
        Message big = Message.of(new byte[64 * 1024], Message.OCTET_STREAM);
        Set<String> accepted = new HashSet<>();
        try (EngineSession producer = engine.openSession(SessionMode.FAST_ACKS)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    Message m = big.toBuilder().newId().build();
                    producer.send(Destination.queue("drained"), m).join();
                    accepted.add(m.id());
                }
            }).hasCauseInstanceOf(StoreFullException.class);
            assertThat(accepted).isNotEmpty();

            Set<String> delivered = new HashSet<>();
            try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS)) {
                EngineConsumer consumer = session.consumer(ConsumerSpec.queue("drained", 0));
                EngineDelivery delivery;
                while ((delivery = consumer.receive(Duration.ofSeconds(2))) != null) {
                    delivered.add(delivery.message().id());
                    delivery.ack();
                }
                consumer.close();
            }
            assertThat(delivered).isEqualTo(accepted);

            // the producer that was refused sends as much again; Artemis's client may refuse its first
            // send or so once more (answers to credit requests the full store refused), so it retries
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int sent = 0; sent < accepted.size(); ) {
                try {
                    producer.send(Destination.queue("drained"), big.toBuilder().newId().build()).join();
                    sent++;
                } catch (CompletionException e) {
                    assertThat(e).hasCauseInstanceOf(StoreFullException.class);
                    assertThat(System.nanoTime()).as("still refused 10 s after the store was drained").isLessThan(deadline);
                }
            }
        }
        assertThat(engine.queues()).filteredOn(q -> q.name().equals("drained")).singleElement()
                .satisfies(q -> assertThat(q.depth()).isEqualTo(accepted.size()));
    }
}
