package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.Destination;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.InvalidMessageException;
import io.parley.broker.Message;
import io.parley.broker.MessageTooLargeException;
import io.parley.broker.QueueOptions;
import io.parley.broker.Receiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input is answered with a typed exception whose message names the value and the rule or
 * limit, nothing is stored, and the broker keeps serving.
 */
@ConformanceSuite
public abstract class ValidationConformance {

    private static final int MAX_MESSAGE_BYTES = 1024;

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker(config -> config.maxMessageBytes(MAX_MESSAGE_BYTES));
        this.queue = tck.name("valid");
    }

    /** Every operation that takes a queue name, applied to a name. */
    static Stream<Named<BiConsumer<Broker, String>>> queueOperations() {
        return Stream.of(
                Named.of("put", (broker, name) -> broker.put(name, Message.text("x"))),
                Named.of("get", (broker, name) -> broker.get(name, Duration.ZERO)),
                Named.of("poll", (broker, name) -> broker.poll(name)),
                Named.of("notify", (broker, name) -> broker.notify(name, delivery -> { }, ConsumerOptions.DEFAULT)),
                Named.of("receiver", (broker, name) -> broker.receiver(name).close()),
                Named.of("declareQueue", (broker, name) -> broker.declareQueue(name, QueueOptions.DEFAULT)),
                Named.of("request", (broker, name) -> broker.request(name, Message.text("x"), Duration.ofMillis(10))),
                Named.of("requestAsync", (broker, name) -> broker.requestAsync(name, Message.text("x"), Duration.ofMillis(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.parley.broker.tck.ValidationConformance#queueOperations")
    void shouldRejectABadQueueNameNamingTheValueAndTheRule(BiConsumer<Broker, String> operation) {
        assertThatThrownBy(() -> operation.accept(broker, "orders/eu"))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("'orders/eu'")
                .hasMessageContaining(Destination.NAME_RULE);
    }

    @Test
    void shouldRejectABadQueueNameOnSubmitNamingTheValueAndTheRule() {
        assertThatThrownBy(() -> broker.submit("orders/eu", Message.text("x")))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("'orders/eu'")
                .hasMessageContaining(Destination.NAME_RULE);
    }

    @Test
    void shouldRejectAQueueNameAboveTheLengthLimit() {
        String tooLong = "q".repeat(Destination.MAX_NAME_LENGTH + 1);

        assertThatThrownBy(() -> broker.put(tooLong, Message.text("x")))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining(tooLong)
                .hasMessageContaining("1 to 200 characters");
    }

    @Test
    void shouldRejectPriorityTenNamingTheValueAndTheRange() {
        assertThatThrownBy(() -> broker.put(queue, Message.builder().text("x").priority(10).build()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("priority 10")
                .hasMessageContaining("0..9");
    }

    @Test
    void shouldRejectAMessageAboveMaxMessageBytesAndKeepServing() {
        byte[] tooLarge = new byte[MAX_MESSAGE_BYTES + 1];

        assertThatThrownBy(() -> broker.put(queue, Message.of(tooLarge, Message.OCTET_STREAM)))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining(Integer.toString(MAX_MESSAGE_BYTES + 1))
                .hasMessageContaining(Integer.toString(MAX_MESSAGE_BYTES))
                .hasMessageContaining("maxMessageBytes");
        broker.put(queue, Message.of(new byte[MAX_MESSAGE_BYTES], Message.OCTET_STREAM));

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodySize()).isEqualTo(MAX_MESSAGE_BYTES));
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldRejectPublishingToATopicPattern() {
        String pattern = tck.name("orders") + ".*";

        assertThatThrownBy(() -> broker.publish(pattern, Message.text("x")))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining(pattern);
    }

    @Test
    void shouldRejectATopicNameWithAnEmptyWord() {
        assertThatThrownBy(() -> broker.publish("orders..eu", Message.text("x")))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("orders..eu");
    }

    @Test
    void shouldRejectAHeaderNameReservedForTheBroker() {
        assertThatThrownBy(() -> Message.builder().header("parley_route", "forged"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("parley_route")
                .hasMessageContaining("reserved");
    }

    @Test
    void shouldRejectAReplyToAMessageWithoutReplyTo() {
        broker.put(queue, Message.text("no return address"));

        try (Receiver receiver = broker.receiver(queue)) {
            Delivery delivery = receiver.receive(Waits.RECEIVE).orElseThrow();

            assertThatThrownBy(() -> delivery.reply(Message.text("answer")))
                    .isInstanceOf(InvalidMessageException.class);
            assertThatThrownBy(() -> delivery.replyAsync(Message.text("answer")))
                    .isInstanceOf(InvalidMessageException.class);
            delivery.ack();
        }
    }

    @Test
    void shouldRejectUseAfterClose() {
        Broker closed = tck.openBroker();
        closed.close();

        assertThatThrownBy(() -> closed.put(queue, Message.text("too late")))
                .isInstanceOf(BrokerClosedException.class);
        assertThat(broker.poll(queue)).isEmpty();
    }
}
