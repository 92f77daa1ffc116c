package io.parley.broker.artemis;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server's TCP acceptor, as outside clients use it: a plain Jakarta Messaging client,
 * and a second engine in remote mode.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtemisProtocolsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path data;
    static ArtemisEngine embedded;
    static ArtemisEngine remote;

    @BeforeAll
    static void start() {
        embedded = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).host("127.0.0.1").messagingPort(0).build());
        embedded.start();
        remote = ArtemisEngine.connect(embedded.messagingUrl());
        remote.start();
    }

    @AfterAll
    static void stop() {
        remote.close();
        embedded.close();
    }

    @Test
    void shouldAdvertiseTheActualPort() {
        assertThat(embedded.messagingUrl()).matches("tcp://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
    }

    @Test
    void shouldExchangeMessagesWithAJakartaMessagingClient() throws JMSException {
        embedded.declareQueue(QueueSpec.durable("jms-in", QueueOptions.DEFAULT));
        embedded.declareQueue(QueueSpec.durable("jms-out", QueueOptions.DEFAULT));
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(embedded.messagingUrl());
             Connection connection = factory.createConnection()) {
            connection.start();
            Session jms = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage text = jms.createTextMessage("from jakarta");
            text.setStringProperty("region", "eu");
            jms.createProducer(jms.createQueue("jms-in")).send(text);

            try (EngineSession session = embedded.openSession(SessionMode.DURABLE_ACKS);
                 EngineConsumer consumer = session.consumer(new ConsumerSpec(Destination.queue("jms-in"), null, "region = 'eu'", 0))) {
                EngineDelivery delivery = consumer.receive(WAIT);
                assertThat(delivery.message().bodyAsText()).isEqualTo("from jakarta");
                assertThat(delivery.message().contentType()).isEqualTo(Message.TEXT_PLAIN);
                assertThat(delivery.message().headers()).containsEntry("region", "eu");
                delivery.ack();
                session.send(Destination.queue("jms-out"), Message.builder().text("from parley").header("region", "us").build()).join();
            }

            MessageConsumer consumer = jms.createConsumer(jms.createQueue("jms-out"));
            BytesMessage received = (BytesMessage) consumer.receive(WAIT.toMillis());
            byte[] body = new byte[(int) received.getBodyLength()];
            received.readBytes(body);
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("from parley");
            assertThat(received.getStringProperty("region")).isEqualTo("us");
        }
    }

    @Test
    void shouldWorkInRemoteModeAgainstTheTcpAcceptor() {
        remote.declareQueue(QueueSpec.durable("remote-q", new QueueOptions(2, RedeliveryPolicy.IMMEDIATE)));
        try (EngineSession session = remote.openSession(SessionMode.DURABLE_ACKS)) {
            session.send(Destination.queue("remote-q"), Message.builder().text("over tcp").header("k", "v").build()).join();
            assertThat(remote.queues()).filteredOn(q -> q.name().equals("remote-q")).containsExactly(new QueueInfo("remote-q", 1, 0, 0));
            try (EngineConsumer consumer = session.consumer(ConsumerSpec.queue("remote-q", 10))) {
                consumer.receive(WAIT).release();
                consumer.receive(WAIT).release();
                assertThat(consumer.receive(Duration.ofMillis(200))).isNull();
            }
            try (EngineConsumer dead = session.consumer(ConsumerSpec.queue("remote-q.DLQ", 0))) {
                Message message = dead.receive(WAIT).message();
                assertThat(message.bodyAsText()).isEqualTo("over tcp");
                assertThat(message.headers()).containsEntry("k", "v")
                        .containsEntry(BrokerHeaders.ORIGINAL_QUEUE, "remote-q")
                        .containsEntry(BrokerHeaders.DEAD_LETTER_REASON, "delivered 2 times without acknowledgement (maxDeliveries 2)");
            }
        }
        assertThat(embedded.queues()).filteredOn(q -> q.name().equals("remote-q")).containsExactly(new QueueInfo("remote-q", 0, 0, 1));
    }
}
