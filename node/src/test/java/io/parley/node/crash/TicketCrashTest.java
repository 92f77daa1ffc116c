package io.parley.node.crash;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.node.NodeProcess;
import io.parley.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deferred-synchronous ticket outlives its client: the client JVM submits a request and is killed
 * with SIGKILL; the service replies into the client's durable mailbox; the node itself is killed and
 * restarted; a new client JVM with the same client id collects the reply with the ticket.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TicketCrashTest {

    @TempDir
    Path dir;

    @Test
    void shouldCollectATicketAfterTheClientJvmWasKilled() throws Exception {
        Path data = dir.resolve("data");
        int messagingPort = BrokerCrashTest.freePort();
        int httpPort = BrokerCrashTest.freePort();
        NodeProcess node = BrokerCrashTest.startNode(data, messagingPort, httpPort);
        try {
            String url = node.messagingUrl();
            Path ticketFile = dir.resolve("ticket.txt");
            try (ChildJvm client = ChildJvm.start(dir, TicketClient.class, "submit", url, "accounting", ticketFile.toString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ticketFile));
                assertThat(client.kill()).isEqualTo(137);
            }

            AtomicInteger answered = new AtomicInteger();
            try (Broker service = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId("report-service")
                    .stateDirectory(dir.resolve("service")).build());
                 Subscription reports = service.notify("reports", delivery -> {
                     delivery.reply(Message.text("report on '" + delivery.message().bodyAsText() + "'"));
                     answered.incrementAndGet();
                 }, ConsumerOptions.DEFAULT)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() == 1);
            }

            node.kill();
            node = BrokerCrashTest.startNode(data, messagingPort, httpPort);

            try (ChildJvm restarted = ChildJvm.start(dir, TicketClient.class, "collect", node.messagingUrl(), "accounting",
                    ticketFile.toString())) {
                assertThat(restarted.waitFor(Duration.ofSeconds(90))).as(restarted.stderr()).isZero();
                assertThat(restarted.stdout()).contains("collected: report on 'quarterly report'");
            }
        } finally {
            node.stop();
        }
    }
}
