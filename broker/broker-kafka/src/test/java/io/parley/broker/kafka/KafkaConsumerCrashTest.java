package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer JVM killed with SIGKILL in the middle of a stream: the messages its share consumer had
 * acquired but not acknowledged come back — to another consumer, with the next delivery count —
 * once their acquisition locks time out, and nothing put in the queue is lost.
 */
@Timeout(300)
class KafkaConsumerCrashTest {

    private static final int MESSAGES = 300;
    private static final Duration LOCK = Duration.ofSeconds(3);

    @TempDir
    Path directory;

    @Test
    void shouldDeliverWhatAKilledConsumerHadAcquiredToAnotherOnceItsLocksTimeOut() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"));
             Broker broker = Brokers.openOwning(engine(kafka), BrokerConfig.builder().clientId("survivor")
                     .stateDirectory(directory.resolve("survivor")).build())) {
            List<String> bodies = IntStream.range(0, MESSAGES).mapToObj(i -> "work-" + i).toList();
            broker.declareQueue("work", QueueOptions.DEFAULT);
            CompletableFuture.allOf(bodies.stream().map(body -> broker.sendAsync(Destination.queue("work"), Message.text(body), SyncPoint.STORED))
                    .toArray(CompletableFuture[]::new)).join();
            Path handledByChild = Files.createFile(directory.resolve("handled.txt"));

            try (ChildJvm child = ChildJvm.start(directory, List.of("-Xmx512m"), CrashConsumer.class, kafka.bootstrapServers(), "work",
                    handledByChild.toString(), directory.resolve("child").toString(), Long.toString(LOCK.toMillis()))) {
                child.awaitLine(Pattern.compile("(consuming) work"), Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(90)).until(() -> lines(handledByChild).size() >= 30);
                child.kill();
            }
            Set<String> handledBeforeKill = new HashSet<>(lines(handledByChild));
            assertThat(handledBeforeKill).hasSizeLessThan(MESSAGES);

            Set<String> received = ConcurrentHashMap.newKeySet();
            Set<String> redelivered = ConcurrentHashMap.newKeySet();
            try (Subscription survivor = broker.notify("work", delivery -> {
                received.add(delivery.message().bodyAsText());
                if (delivery.message().deliveryCount() >= 2) {
                    redelivered.add(delivery.message().bodyAsText());
                }
            }, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE))) {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    Set<String> all = new HashSet<>(handledBeforeKill);
                    all.addAll(received);
                    assertThat(all).containsExactlyInAnyOrderElementsOf(bodies);
                });
            }
            // the killed consumer held acquired, unacknowledged messages: Kafka gave them back after their locks timed out
            assertThat(redelivered).isNotEmpty();
        }
    }

    private static KafkaEngine engine(EmbeddedKafka kafka) {
        KafkaEngine engine = KafkaEngine.connect(kafka.engineConfig().recordLockDuration(LOCK).build());
        engine.start();
        return engine;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
