package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker JVM killed with SIGKILL while a sender puts messages, then started again over the
 * same log directories: every message whose {@code put} returned (STORED: acks=all) is there.
 */
@Timeout(300)
class KafkaBrokerRestartTest {

    private static final Pattern READY = Pattern.compile("kafka ready (\\S+)");

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryMessageStoredBeforeTheKafkaBrokerWasKilled() throws Exception {
        Path logs = directory.resolve("kafka");
        List<String> stored = new CopyOnWriteArrayList<>();
        try (ChildJvm first = ChildJvm.start(directory, List.of("-Xmx512m"), KafkaProcess.class, logs.toString())) {
            String bootstrap = first.awaitLine(READY, Duration.ofSeconds(120));
            Broker broker = open(bootstrap, "sender");
            broker.declareQueue("ledger", QueueOptions.DEFAULT);
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        broker.put("ledger", Message.text("entry-" + i));
                        stored.add("entry-" + i);
                    }
                } catch (RuntimeException stopped) {
                    // the broker is gone: the put in flight may or may not have been stored
                }
            }, "ledger-sender");
            sender.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> stored.size() >= 300);
            first.kill();
            sender.join(Duration.ofSeconds(120).toMillis());
            assertThat(sender.isAlive()).isFalse();
            broker.close();
        }

        try (ChildJvm second = ChildJvm.start(directory, List.of("-Xmx512m"), KafkaProcess.class, logs.toString())) {
            String bootstrap = second.awaitLine(READY, Duration.ofSeconds(120));
            Set<String> found = new HashSet<>();
            try (Broker broker = open(bootstrap, "reader")) {
                Optional<Message> message;
                while ((message = broker.get("ledger", found.containsAll(stored) ? Duration.ofSeconds(1) : Duration.ofSeconds(20))).isPresent()) {
                    found.add(message.get().bodyAsText());
                }
            }
            assertThat(found).containsAll(stored);
        }
    }

    private Broker open(String bootstrap, String clientId) {
        KafkaEngine engine = KafkaEngine.connect(KafkaConfig.builder().bootstrapServers(bootstrap).adminTimeout(Duration.ofSeconds(10)).build());
        engine.start();
        return Brokers.openOwning(engine, BrokerConfig.builder().clientId(clientId).stateDirectory(directory.resolve(clientId))
                .sendTimeout(Duration.ofSeconds(5)).build());
    }
}
