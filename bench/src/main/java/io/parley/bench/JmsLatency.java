package io.parley.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;

/**
 * The baseline of {@code broker-latency}: the raw Artemis Jakarta Messaging client with its
 * defaults. A PERSISTENT {@code send} blocks until the server has stored the message
 * (Artemis's {@code blockOnDurableSend}, on by default); a {@code MessageListener} on an
 * AUTO_ACKNOWLEDGE session receives it; the next send starts once the listener has run.
 */
final class JmsLatency implements LatencySide {

    private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(30);

    private final ActiveMQConnectionFactory factory;

    JmsLatency(ActiveMQConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String description() {
        return "Artemis Jakarta Messaging client: MessageProducer.send(msg) PERSISTENT (blocks until stored), "
                + "MessageListener on an AUTO_ACKNOWLEDGE session; one connection, one session each";
    }

    @Override
    public LatencyRun run(String queueName, int messages, byte[] payload, Progress progress) throws Exception {
        Handoff handoff = new Handoff();
        Histogram stored = new Histogram(3);
        try (Connection connection = factory.createConnection()) {
            Session consumerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = consumerSession.createQueue(queueName);
            MessageConsumer consumer = consumerSession.createConsumer(queue);
            consumer.setMessageListener(message -> handoff.arrived());
            connection.start();
            Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = producerSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < messages; i++) {
                BytesMessage message = producerSession.createBytesMessage();
                message.writeBytes(payload);
                handoff.sending();
                producer.send(message);
                stored.recordValue(System.nanoTime() - handoff.sendStartNanos());
                handoff.awaitArrival("baseline", i, ARRIVAL_LIMIT);
            }
        }
        return new LatencyRun(handoff.endToEndNanos(), stored);
    }
}
