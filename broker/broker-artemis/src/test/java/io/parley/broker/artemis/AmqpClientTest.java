package io.parley.broker.artemis;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AMQP 1.0 client (Apache Qpid JMS) talks to the embedded server's one multi-protocol acceptor
 * unchanged, in both directions, with Parley's engine on the other side.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmqpClientTest {

    @TempDir
    static Path data;
    static ArtemisEngine engine;

    @BeforeAll
    static void start() {
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(data).host("127.0.0.1").messagingPort(0).build());
        engine.start();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String amqpUrl() {
        return engine.messagingUrl().replace("tcp://", "amqp://");
    }

    @Test
    void shouldDeliverAnAmqpClientsMessageToParley() throws JMSException {
        engine.declareQueue(QueueSpec.durable("amqp-in", QueueOptions.DEFAULT));
        try (Connection connection = new JmsConnectionFactory(amqpUrl()).createConnection()) {
            Session amqp = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage text = amqp.createTextMessage("from amqp 1.0");
            text.setStringProperty("region", "eu");
            amqp.createProducer(amqp.createQueue("amqp-in")).send(text);
        }
        try (EngineSession session = engine.openSession(SessionMode.DURABLE_ACKS);
             EngineConsumer consumer = session.consumer(new ConsumerSpec(Destination.queue("amqp-in"), null, "region = 'eu'", 0))) {
            EngineDelivery delivery = consumer.receive(Duration.ofSeconds(5));
            assertThat(delivery).isNotNull();
            assertThat(delivery.message().bodyAsText()).isEqualTo("from amqp 1.0");
            assertThat(delivery.message().header("region")).contains("eu");
            delivery.ack();
        }
    }

    @Test
    void shouldDeliverParleysMessageToAnAmqpClient() throws JMSException {
        engine.declareQueue(QueueSpec.durable("amqp-out", QueueOptions.DEFAULT));
        try (EngineSession session = engine.openSession(SessionMode.FAST_ACKS)) {
            session.send(Destination.queue("amqp-out"),
                    Message.builder().body("to amqp 1.0".getBytes(StandardCharsets.UTF_8), "text/plain").header("region", "us").build()).join();
        }
        try (Connection connection = new JmsConnectionFactory(amqpUrl()).createConnection()) {
            connection.start();
            Session amqp = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = amqp.createConsumer(amqp.createQueue("amqp-out"));
            jakarta.jms.Message received = consumer.receive(5_000);
            assertThat(received).isNotNull();
            assertThat(received.getStringProperty("region")).isEqualTo("us");
            assertThat(new String(received.getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo("to amqp 1.0");
        }
    }
}
