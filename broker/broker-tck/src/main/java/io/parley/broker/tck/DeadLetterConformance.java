package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.Receiver;
import io.parley.broker.RedeliveryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.parley.broker.tck.Waits.eventually;
import static io.parley.broker.tck.Waits.throughout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that failed {@code maxDeliveries} times (10 unless the queue says otherwise), or that
 * a receiver rejects, moves to {@code <queue>.DLQ} carrying the reason and the original queue.
 */
@ConformanceSuite
public abstract class DeadLetterConformance {

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.queue = tck.name("dlq");
    }

    @Test
    void shouldDeadLetterAfterMaxDeliveriesWithTheReasonAndTheOriginalQueue() {
        broker.declareQueue(queue, new QueueOptions(3, RedeliveryPolicy.IMMEDIATE));
        RecordingHandler handler = RecordingHandler.failingAlways();
        broker.notify(queue, handler, ConsumerOptions.DEFAULT);

        String id = broker.put(queue, Message.text("poison"));

        Message dead = broker.get(Broker.deadLetterQueue(queue), Waits.RECEIVE).orElseThrow();
        assertThat(dead.bodyAsText()).isEqualTo("poison");
        assertThat(dead.header(BrokerHeaders.ORIGINAL_QUEUE)).hasValue(queue);
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
        throughout().until(() -> handler.count() == 3);
        assertThat(handler.messages()).allSatisfy(m -> assertThat(m.id()).isEqualTo(id))
                .extracting(Message::deliveryCount).containsExactly(1, 2, 3);
    }

    @Test
    void shouldDeadLetterAfterTenDeliveriesByDefault() {
        Broker defaults = tck.openBroker(config -> config.defaultQueueOptions(QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE)));
        RecordingHandler handler = RecordingHandler.failingAlways();
        defaults.notify(queue, handler, ConsumerOptions.DEFAULT);

        defaults.put(queue, Message.text("poison"));

        assertThat(defaults.get(Broker.deadLetterQueue(queue), Waits.RECEIVE)).isPresent();
        throughout().until(() -> handler.count() == 10);
        assertThat(QueueOptions.DEFAULT_MAX_DELIVERIES).isEqualTo(10);
    }

    @Test
    void shouldDeadLetterAMessageAReceiverRejectsWithItsReason() {
        broker.put(queue, Message.text("unparseable"));

        try (Receiver receiver = broker.receiver(queue)) {
            receiver.receive(Waits.RECEIVE).orElseThrow().deadLetter("body is not a valid order");
        }

        Message dead = broker.get(Broker.deadLetterQueue(queue), Waits.RECEIVE).orElseThrow();
        assertThat(dead.bodyAsText()).isEqualTo("unparseable");
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).hasValue("body is not a valid order");
        assertThat(dead.header(BrokerHeaders.ORIGINAL_QUEUE)).hasValue(queue);
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldDeadLetterAMessageReleasedMaxDeliveriesTimes() {
        broker.declareQueue(queue, new QueueOptions(2, RedeliveryPolicy.IMMEDIATE));
        broker.put(queue, Message.text("unwanted"));

        try (Receiver receiver = broker.receiver(queue)) {
            receiver.receive(Waits.RECEIVE).orElseThrow().release();
            receiver.receive(Waits.RECEIVE).orElseThrow().release();

            assertThat(broker.get(Broker.deadLetterQueue(queue), Waits.RECEIVE))
                    .hasValueSatisfying(m -> assertThat(m.header(BrokerHeaders.ORIGINAL_QUEUE)).hasValue(queue));
            assertThat(receiver.receive(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void shouldCountDeadLettersInTheQueueListing() {
        broker.put(queue, Message.text("one"));
        broker.put(queue, Message.text("two"));
        broker.put(queue, Message.text("stays"));

        try (Receiver receiver = broker.receiver(queue)) {
            receiver.receive(Waits.RECEIVE).orElseThrow().deadLetter("rejected one");
            receiver.receive(Waits.RECEIVE).orElseThrow().deadLetter("rejected two");
        }

        eventually().untilAsserted(() -> assertThat(info(queue)).hasValue(new QueueInfo(queue, 1, 0, 2)));
    }

    private Optional<QueueInfo> info(String name) {
        return broker.queues().stream().filter(q -> q.name().equals(name)).findFirst();
    }
}
