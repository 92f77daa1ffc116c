package io.parley.broker.artemis;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.StoreFullException;
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
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * When the embedded store is full it refuses sends, but administration still answers: listing
 * queues and declaring one use the server's control directly, not management messages (which a
 * full store would refuse too).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisFullStoreTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path data;
    static ArtemisEngine engine;

    @BeforeAll
    static void start() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).messagingPort(0)
                .globalMaxSizeBytes(MIB).build());
        engine.start();
    }

    @AfterAll
    static void stop() {
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
            }).isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreFullException.class);
        }

        List<QueueInfo> queues = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> engine.queues());
        assertThat(queues).anySatisfy(q -> {
            assertThat(q.name()).isEqualTo("full");
            assertThat(q.depth()).isPositive();
        });
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> engine.declareQueue(QueueSpec.durable("after-full", QueueOptions.DEFAULT)));
        assertThat(engine.queues()).extracting(QueueInfo::name).contains("after-full");
    }
}
