package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.BrokerException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.Receiver;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.Subscription;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.parley.broker.tck.Waits.eventually;
import static io.parley.broker.tck.Waits.throughout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue primitives put, get, poll and notify; competing consumers; settling deliveries by
 * hand; the queue listing; and the engine's declaration of its capabilities.
 */
@ConformanceSuite
public abstract class QueueConformance {

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.queue = tck.name("queue");
    }

    @Test
    void shouldDeclareTheSameCapabilitiesThroughEngineProviderAndBroker() {
        Set<String> names = tck.declaredCapabilities().stream().map(Capability::name).collect(Collectors.toSet());

        assertThat(tck.engine().capabilities()).isEqualTo(tck.declaredCapabilities());
        assertThat(broker.capabilities()).isEqualTo(names);
    }

    @Test
    void shouldGetTheMessageThatWasPut() {
        Message sent = Message.text("one pizza");

        String id = broker.put(queue, sent);
        Optional<Message> received = broker.get(queue, Waits.RECEIVE);

        assertThat(id).isEqualTo(sent.id());
        assertThat(received).hasValueSatisfying(m -> {
            assertThat(m.id()).isEqualTo(sent.id());
            assertThat(m.bodyAsText()).isEqualTo("one pizza");
        });
    }

    @Test
    void shouldBlockGetUntilAMessageArrives() {
        broker.declareQueue(queue, QueueOptions.DEFAULT);
        CompletableFuture<Optional<Message>> get = CompletableFuture.supplyAsync(() -> broker.get(queue, Waits.RECEIVE));

        throughout().until(() -> !get.isDone());
        tck.openBroker().put(queue, Message.text("late"));

        assertThat(get).succeedsWithin(Waits.EVENTUALLY)
                .satisfies(m -> assertThat(m).hasValueSatisfying(message -> assertThat(message.bodyAsText()).isEqualTo("late")));
    }

    @Test
    void shouldReturnNothingFromGetAfterItsWaitOnAnEmptyQueue() {
        broker.declareQueue(queue, QueueOptions.DEFAULT);
        Duration wait = Duration.ofMillis(300);

        long start = System.nanoTime();
        Optional<Message> received = broker.get(queue, wait);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(received).isEmpty();
        assertThat(waited).isGreaterThanOrEqualTo(wait.minusMillis(20)).isLessThan(wait.plus(Waits.RECEIVE));
    }

    @Test
    void shouldPollWithoutBlockingAndRemoveWhatItReturns() {
        broker.declareQueue(queue, QueueOptions.DEFAULT);

        long start = System.nanoTime();
        Optional<Message> fromEmpty = broker.poll(queue);
        Duration pollTime = Duration.ofNanos(System.nanoTime() - start);
        broker.put(queue, Message.text("waiting"));

        assertThat(fromEmpty).isEmpty();
        assertThat(pollTime).isLessThan(Duration.ofSeconds(2));
        assertThat(broker.poll(queue)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("waiting"));
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldNotifyHandlerOfQueuedAndLaterMessagesInSendOrder() {
        List<String> bodies = IntStream.range(0, 10).mapToObj(i -> "m" + i).collect(Collectors.toList());
        bodies.subList(0, 5).forEach(body -> broker.put(queue, Message.text(body)));
        RecordingHandler handler = RecordingHandler.recording();

        broker.notify(queue, handler, ConsumerOptions.DEFAULT);
        bodies.subList(5, 10).forEach(body -> broker.put(queue, Message.text(body)));

        eventually().until(() -> handler.count() >= bodies.size());
        assertThat(handler.bodies()).isEqualTo(bodies);
    }

    @Test
    void shouldDeliverEachMessageToExactlyOneOfCompetingConsumers() {
        RecordingHandler first = RecordingHandler.recording();
        RecordingHandler second = RecordingHandler.recording();
        broker.notify(queue, first, ConsumerOptions.DEFAULT.withConcurrency(2));
        tck.openBroker().notify(queue, second, ConsumerOptions.DEFAULT.withConcurrency(2));
        Set<String> sent = new HashSet<>();

        for (int i = 0; i < 40; i++) {
            sent.add(broker.put(queue, Message.text("job " + i)));
        }

        eventually().until(() -> first.count() + second.count() >= sent.size());
        List<String> handled = new ArrayList<>();
        first.messages().forEach(m -> handled.add(m.id()));
        second.messages().forEach(m -> handled.add(m.id()));
        assertThat(handled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shouldStopCallingTheHandlerOnceItsSubscriptionIsClosed() {
        RecordingHandler handler = RecordingHandler.recording();
        Subscription subscription = broker.notify(queue, handler, ConsumerOptions.DEFAULT);
        broker.put(queue, Message.text("before close"));
        eventually().until(() -> handler.count() == 1);

        subscription.close();
        broker.put(queue, Message.text("after close"));

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("after close"));
        assertThat(handler.bodies()).containsExactly("before close");
    }

    @Test
    void shouldCloseAnIdleSubscriptionPromptly() {
        // an engine whose consumers can be woken lets them wait long when idle; close must still be prompt
        Subscription subscription = broker.notify(queue, RecordingHandler.recording(), ConsumerOptions.DEFAULT.withConcurrency(4));

        long started = System.nanoTime();
        subscription.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldFinishAndAcknowledgeTheMessageInHandWhenItsSubscriptionCloses() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        Subscription subscription = broker.notify(queue, delivery -> {
            inHand.countDown();
            // interrupted here by the close, the handler would fail and the message come back
            if (!finish.await(Waits.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not told to finish");
            }
            handled.add(delivery.message().bodyAsText());
        }, ConsumerOptions.DEFAULT);
        broker.put(queue, Message.text("in hand"));
        assertThat(inHand.await(Waits.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(subscription::close);
        throughout().until(() -> !closing.isDone());
        finish.countDown();
        closing.get(Waits.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(handled).containsExactly("in hand");
        assertThat(broker.get(queue, Waits.QUIET)).isEmpty();
    }

    @Test
    void shouldRedeliverAReleasedMessageWithAGrowingDeliveryCount() {
        broker.declareQueue(queue, QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE));
        broker.put(queue, Message.text("try again"));

        try (Receiver receiver = broker.receiver(queue)) {
            Delivery first = receiver.receive(Waits.RECEIVE).orElseThrow();
            first.release();
            Delivery second = receiver.receive(Waits.RECEIVE).orElseThrow();
            second.ack();

            assertThat(first.message().deliveryCount()).isEqualTo(1);
            assertThat(second.message().deliveryCount()).isEqualTo(2);
            assertThat(second.message().id()).isEqualTo(first.message().id());
        }
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldReturnAnUnsettledDeliveryToTheQueueWhenItsReceiverCloses() {
        broker.declareQueue(queue, QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE));
        String id = broker.put(queue, Message.text("unsettled"));

        try (Receiver receiver = broker.receiver(queue)) {
            assertThat(receiver.receive(Waits.RECEIVE)).isPresent();
        }

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.deliveryCount()).isEqualTo(2);
        });
    }

    @Test
    @RequiresCapability(Capability.SELECTORS)
    void shouldDeliverOnlyMessagesMatchingTheConsumersSelector() {
        RecordingHandler handler = RecordingHandler.recording();
        broker.notify(queue, handler, ConsumerOptions.DEFAULT.withSelector("region = 'eu'"));

        broker.put(queue, Message.builder().text("us order").header("region", "us").build());
        broker.put(queue, Message.builder().text("eu order").header("region", "eu").build());

        eventually().until(() -> handler.count() == 1);
        assertThat(handler.bodies()).containsExactly("eu order");
        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("us order"));
    }

    @Test
    @RequiresCapability(Capability.SELECTORS)
    void shouldRefuseNotifyWithAnInvalidSelectorNamingTheSelector() {
        String invalid = "region = ";

        assertThatThrownBy(() -> broker.notify(queue, RecordingHandler.recording(), ConsumerOptions.DEFAULT.withSelector(invalid)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(invalid);
    }

    @Test
    void shouldListQueueDepthAndConsumers() {
        String watched = tck.name("watched");
        for (int i = 0; i < 3; i++) {
            broker.put(queue, Message.text("waiting " + i));
        }
        broker.declareQueue(watched, QueueOptions.DEFAULT);

        eventually().untilAsserted(() -> assertThat(info(queue)).hasValue(new QueueInfo(queue, 3, 0, 0)));
        Subscription subscription = broker.notify(watched, RecordingHandler.recording(), ConsumerOptions.DEFAULT);
        eventually().untilAsserted(() -> assertThat(info(watched)).hasValueSatisfying(q -> {
            assertThat(q.consumers()).isPositive();
            assertThat(q.depth()).isZero();
        }));
        subscription.close();
        eventually().untilAsserted(() -> assertThat(info(watched)).hasValueSatisfying(q -> assertThat(q.consumers()).isZero()));
    }

    private Optional<QueueInfo> info(String name) {
        return broker.queues().stream().filter(q -> q.name().equals(name)).findFirst();
    }
}
