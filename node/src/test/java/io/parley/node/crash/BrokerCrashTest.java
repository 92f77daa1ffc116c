package io.parley.node.crash;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.node.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety of the broker, tested by crashing: the node runs in a child JVM and is killed with
 * SIGKILL in the middle of a stream of persistent messages, then restarted over the same journal
 * and on the same ports, while producers and consumers in this JVM keep going.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerCrashTest {

    private static final int MESSAGES = 600;
    private static final int KILL_AFTER = 200;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryStoredMessageAndEachGuaranteeAcrossANodeKill() throws Exception {
        Path data = dir.resolve("data");
        int messagingPort = freePort();
        int httpPort = freePort();
        NodeProcess node = startNode(data, messagingPort, httpPort);
        String url = node.messagingUrl();

        Set<Integer> stored = ConcurrentHashMap.newKeySet();
        List<Integer> atLeastOnce = Collections.synchronizedList(new ArrayList<>());
        List<Integer> atMostOnce = Collections.synchronizedList(new ArrayList<>());
        List<Integer> effectivelyOnce = Collections.synchronizedList(new ArrayList<>());
        Destination.Topic stream = Destination.topic("crash.stream");

        try (Broker consumers = Brokers.openOwning(ArtemisEngine.connect(url), config("consumers"));
             Broker producer = Brokers.openOwning(ArtemisEngine.connect(url), config("producer"));
             Subscription alo = subscribe(consumers, stream, "alo", DeliveryGuarantee.AT_LEAST_ONCE, atLeastOnce);
             Subscription amo = subscribe(consumers, stream, "amo", DeliveryGuarantee.AT_MOST_ONCE, atMostOnce);
             Subscription eo = subscribe(consumers, stream, "eo", DeliveryGuarantee.EFFECTIVELY_ONCE, effectivelyOnce)) {

            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producerThread = new Thread(() -> {
                for (int seq = 0; seq < MESSAGES; seq++) {
                    Message message = Message.builder().text(Integer.toString(seq)).dedupId("stream-" + seq).build();
                    try {
                        producer.send(stream, message, SyncPoint.STORED);
                        stored.add(seq);
                    } catch (RuntimeException e) {
                        // not stored as far as the producer knows: no promise is made about this one
                    }
                }
                producing.set(false);
            }, "crash-producer");
            producerThread.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> stored.size() >= KILL_AFTER);
            assertThat(node.kill()).isEqualTo(137);
            int storedAtKill = stored.size();
            assertThat(storedAtKill).as("the kill came mid-stream").isLessThan(MESSAGES);
            node = startNode(data, messagingPort, httpPort);

            producerThread.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(producing).isFalse();
            assertThat(stored.size()).as("the stream went on after the restart").isGreaterThan(storedAtKill);
            assertThat(stored).as("most sends succeed (retried across the restart)").hasSizeGreaterThan(MESSAGES / 2);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(new HashSet<>(atLeastOnce)).as("AT_LEAST_ONCE loses nothing").containsAll(stored);
                assertThat(new HashSet<>(effectivelyOnce)).as("EFFECTIVELY_ONCE loses nothing").containsAll(stored);
            });
        } finally {
            node.stop();
        }
        assertThat(effectivelyOnce).as("EFFECTIVELY_ONCE never duplicates").doesNotHaveDuplicates();
        assertThat(atMostOnce).as("AT_MOST_ONCE never duplicates").doesNotHaveDuplicates();
        assertThat(atMostOnce).as("AT_MOST_ONCE sees only what was sent").allMatch(seq -> seq >= 0 && seq < MESSAGES);
    }

    @Test
    void shouldKeepEveryStoredMessageInAQueueAcrossANodeKill() throws Exception {
        Path data = dir.resolve("data");
        int messagingPort = freePort();
        int httpPort = freePort();
        NodeProcess node = startNode(data, messagingPort, httpPort);
        Set<String> stored = ConcurrentHashMap.newKeySet();
        try (Broker producer = Brokers.openOwning(ArtemisEngine.connect(node.messagingUrl()), config("queue-producer"))) {
            Thread producerThread = new Thread(() -> {
                for (int seq = 0; seq < MESSAGES; seq++) {
                    try {
                        stored.add(producer.put("crash-queue", Message.text("m" + seq)));
                    } catch (RuntimeException e) {
                        // not confirmed: no promise
                    }
                }
            }, "queue-producer");
            producerThread.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored.size() >= KILL_AFTER);
            node.kill();
            int storedAtKill = stored.size();
            assertThat(storedAtKill).as("the kill came mid-stream").isLessThan(MESSAGES);
            node = startNode(data, messagingPort, httpPort);
            producerThread.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(stored.size()).as("the stream went on after the restart").isGreaterThan(storedAtKill);

            Set<String> drained = new HashSet<>();
            while (true) {
                var message = producer.get("crash-queue", Duration.ofSeconds(2));
                if (message.isEmpty()) {
                    break;
                }
                drained.add(message.get().id());
            }
            assertThat(drained).as("every message whose put returned at STORED survived the SIGKILL").containsAll(stored);
        } finally {
            node.stop();
        }
    }

    private static Subscription subscribe(Broker broker, Destination.Topic topic, String name, DeliveryGuarantee guarantee,
                                          List<Integer> seen) {
        MessageHandler handler = (Delivery delivery) -> seen.add(Integer.parseInt(delivery.message().bodyAsText()));
        return broker.subscribe(topic, "crash-" + name, handler, ConsumerOptions.of(guarantee));
    }

    private BrokerConfig config(String clientId) {
        return BrokerConfig.builder().clientId(clientId).stateDirectory(dir.resolve("state-" + clientId))
                .sendTimeout(Duration.ofSeconds(60)).build();
    }

    static NodeProcess startNode(Path data, int messagingPort, int httpPort) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return NodeProcess.builder(data).ports(messagingPort, httpPort).start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
