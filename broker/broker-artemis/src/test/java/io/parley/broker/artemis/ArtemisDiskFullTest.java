package io.parley.broker.artemis;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.StoreFullException;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A disk filled beyond {@code maxDiskUsagePercent}: the server stops writing. A send must then
 * fail at once with {@link StoreFullException} naming the limit, not wait for producer credits that
 * never come — through the engine, and through the broker client (a send, a request).
 * The limit is set to 1 % so that any real disk is above it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisDiskFullTest {

    @TempDir
    static Path data;
    static ArtemisEngine engine;

    @BeforeAll
    static void start() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).messagingPort(0).maxDiskUsagePercent(1).build());
        engine.start();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void shouldRefuseSendsPromptlyOnceTheDiskIsAboveTheUsageLimit() throws Exception {
        engine.declareQueue(QueueSpec.durable("disk-full", QueueOptions.DEFAULT));
        // the server looks at the disk every few seconds: until its first look, sends are accepted
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            while (true) {
                assertThat(System.nanoTime()).as("no send refused within 20 s").isLessThan(deadline);
                try {
                    session.send(Destination.queue("disk-full"), Message.of(new byte[1024], Message.OCTET_STREAM)).get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreFullException.class)
                            .hasMessageContaining("the disk of the server's data directory is above max-disk-usage 1 %");
                    break;
                }
            }
        }
        try (Broker broker = Brokers.open(engine, BrokerConfig.builder().clientId("disk-full").stateDirectory(data.resolve("client")).build())) {
            broker.declareQueue("disk-full.requests", QueueOptions.DEFAULT);
            try (Subscription responder = broker.notify("disk-full.requests", d -> d.reply(Message.text("pong")), ConsumerOptions.DEFAULT)) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> broker.send(Destination.queue("disk-full"), Message.text("x"), SyncPoint.STORED))
                        .isInstanceOf(StoreFullException.class);
                assertThatThrownBy(() -> broker.request("disk-full.requests", Message.text("ping"), Duration.ofSeconds(30)))
                        .isInstanceOf(StoreFullException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }
}
