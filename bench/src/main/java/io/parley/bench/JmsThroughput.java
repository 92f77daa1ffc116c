package io.parley.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;

/**
 * The baseline of {@code broker-throughput}: the raw Artemis Jakarta Messaging client with its
 * defaults. One producer session sends PERSISTENT messages asynchronously
 * ({@code send(message, CompletionListener)}) with the same bound on uncompleted sends as Parley;
 * one AUTO_ACKNOWLEDGE session's {@code MessageListener} counts arrivals. Completion listeners
 * run on the client's threads, which {@link SendWindow} allows.
 *
 * <p>With Artemis's default {@code confirmationWindowSize} of -1 the client cannot learn when the
 * server stored a message, so it completes each send once it is written to the connection: the
 * baseline is fire-and-forget with flow control, and its "send-to-STORED" figure is really
 * send-to-written. A positive {@code confirmationWindowBytes} makes completion wait for the
 * server's confirmation, as Parley's sends do.
 */
final class JmsThroughput implements ThroughputSide {

    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final String url;
    private final int confirmationWindowBytes;

    JmsThroughput(String url, int confirmationWindowBytes) {
        this.url = url;
        this.confirmationWindowBytes = confirmationWindowBytes;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String description() {
        return "Artemis Jakarta Messaging client: MessageProducer.send(msg, CompletionListener) PERSISTENT, "
                + "MessageListener on an AUTO_ACKNOWLEDGE session; one connection, one session each; confirmationWindowSize="
                + confirmationWindowBytes + (confirmationWindowBytes < 0
                ? " (Artemis default: a send completes once written to the connection, not when stored: fire-and-forget)"
                : " (a send completes when the server confirms it stored it)");
    }

    @Override
    public ThroughputRun run(String queueName, int messages, byte[] payload, int window, Progress progress) throws Exception {
        Arrivals arrivals = new Arrivals(messages);
        SendWindow sends = new SendWindow(window, arrivals);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = connect(factory)) {
            Session consumerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = consumerSession.createQueue(queueName);
            MessageConsumer consumer = consumerSession.createConsumer(queue);
            consumer.setMessageListener(message -> arrivals.arrived());
            connection.start();
            Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = producerSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                BytesMessage message = producerSession.createBytesMessage();
                message.writeBytes(payload);
                producer.send(message, new Completion(sends.open(), sends));
                if ((i & 1023) == 0) {
                    arrivals.checkFailure("baseline send");
                }
            }
            long end = arrivals.awaitAll("baseline", STALL_LIMIT, progress);
            sends.awaitAll("baseline", STALL_LIMIT);
            return new ThroughputRun(messages, end - start, sends.lastCompletionNanos() - start, sends.latencyNanos());
        }
    }

    private Connection connect(ActiveMQConnectionFactory factory) throws jakarta.jms.JMSException {
        factory.setConfirmationWindowSize(confirmationWindowBytes);
        return factory.createConnection();
    }

    /** Reports one send's completion to the window. */
    private record Completion(long sendStartNanos, SendWindow sends) implements CompletionListener {

        @Override
        public void onCompletion(jakarta.jms.Message message) {
            sends.completed(sendStartNanos);
        }

        @Override
        public void onException(jakarta.jms.Message message, Exception exception) {
            sends.failed(exception);
        }
    }
}
