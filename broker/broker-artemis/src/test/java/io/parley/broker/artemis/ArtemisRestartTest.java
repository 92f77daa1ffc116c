package io.parley.broker.artemis;

import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an embedded engine keeps across a stop and a start over the same journal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisRestartTest {

    @TempDir
    Path data;

    @Test
    void shouldKeepPersistentMessagesAndDedupIdsButNotTransientMessagesAcrossARestart() {
        ArtemisEngine engine = start();
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            engine.declareQueue(QueueSpec.durable("orders", QueueOptions.DEFAULT));
            session.send(Destination.queue("orders"), Message.builder().text("kept").dedupId("kept-1").build()).join();
            session.send(Destination.queue("orders"), Message.builder().text("lost").durability(Durability.TRANSIENT).build()).join();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue("orders", 0))) {
                assertThat(consumer.receive(Duration.ofSeconds(5)).message().bodyAsText()).isEqualTo("kept");
            }
        }
        engine.close();

        ArtemisEngine restarted = start();
        try (EngineSession session = restarted.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue("orders"), Message.builder().text("duplicate").dedupId("kept-1").build()).join();
            List<Message> received = new ArrayList<>();
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue("orders", 0))) {
                EngineDelivery delivery;
                while ((delivery = consumer.receive(Duration.ofMillis(500))) != null) {
                    received.add(delivery.message());
                    delivery.ack();
                }
            }
            assertThat(received).extracting(Message::bodyAsText).containsExactly("kept");
            assertThat(received.get(0).deliveryCount()).as("a consumer closed cleanly does not count a delivery").isEqualTo(1);
        } finally {
            restarted.close();
        }
    }

    private ArtemisEngine start() {
        ArtemisEngine engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).messagingPort(0).build());
        engine.start();
        return engine;
    }
}
