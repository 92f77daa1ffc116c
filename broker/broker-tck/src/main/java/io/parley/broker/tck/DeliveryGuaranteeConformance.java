package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static io.parley.broker.tck.Waits.eventually;
import static io.parley.broker.tck.Waits.throughout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AT_MOST_ONCE (a failed message is gone), AT_LEAST_ONCE (a failed message comes back, with
 * back-off and a growing delivery count) and EFFECTIVELY_ONCE (duplicates and messages that
 * arrive again are handled once, also after the consumer's broker restarts).
 *
 * <p>Where a test checks that a message is not handled again, it sends a marker after it and waits
 * for the marker: a queue is FIFO, so a redelivery or duplicate would come first.
 */
@ConformanceSuite
public abstract class DeliveryGuaranteeConformance {

    private static final QueueOptions FAST_RETRIES = QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE);

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.queue = tck.name("guarantee");
    }

    @Test
    void shouldNotRedeliverAMessageWhoseHandlerFailedUnderAtMostOnce() {
        broker.declareQueue(queue, FAST_RETRIES);
        RecordingHandler handler = RecordingHandler.failingWhen(call -> call.message().bodyAsText().equals("doomed"));
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.AT_MOST_ONCE));

        broker.put(queue, Message.text("doomed"));
        broker.put(queue, Message.text("marker"));

        eventually().until(() -> handler.bodies().contains("marker"));
        throughout().until(() -> handler.callsWithBody("doomed") == 1);
        assertThat(handler.bodies()).containsExactly("doomed", "marker");
        eventually().untilAsserted(() -> assertThat(broker.queues()).filteredOn(q -> q.name().equals(queue))
                .singleElement().satisfies(q -> {
                    assertThat(q.depth()).isZero();
                    assertThat(q.deadLetters()).isZero();
                }));
    }

    @Test
    void shouldRedeliverAFailedMessageWithAGrowingDeliveryCountUnderAtLeastOnce() {
        broker.declareQueue(queue, FAST_RETRIES);
        RecordingHandler handler = RecordingHandler.failingWhen(call -> call.message().deliveryCount() < 3);
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));

        String id = broker.put(queue, Message.text("flaky"));
        broker.put(queue, Message.text("marker"));

        eventually().until(() -> handler.bodies().contains("marker") && handler.callsWithBody("flaky") >= 3);
        throughout().until(() -> handler.callsWithBody("flaky") == 3);
        assertThat(handler.messages()).filteredOn(m -> m.id().equals(id))
                .extracting(Message::deliveryCount).containsExactly(1, 2, 3);
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    @RequiresCapability(Capability.REDELIVERY_DELAY)
    void shouldBackOffBeforeEachRedeliveryUnderAtLeastOnce() {
        RedeliveryPolicy backOff = new RedeliveryPolicy(Duration.ofMillis(300), 2.0, Duration.ofSeconds(5));
        broker.declareQueue(queue, QueueOptions.DEFAULT.withRedelivery(backOff));
        RecordingHandler handler = RecordingHandler.failingWhen(call -> call.message().deliveryCount() < 3);
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));

        broker.put(queue, Message.text("back off"));

        eventually().until(() -> handler.count() == 3);
        List<RecordingHandler.Call> calls = handler.calls();
        Duration firstWait = Duration.between(calls.get(0).at(), calls.get(1).at());
        Duration secondWait = Duration.between(calls.get(1).at(), calls.get(2).at());
        Duration clockSlack = Duration.ofMillis(25);
        assertThat(firstWait).isGreaterThanOrEqualTo(backOff.delayBefore(1).minus(clockSlack));
        assertThat(secondWait).isGreaterThanOrEqualTo(backOff.delayBefore(2).minus(clockSlack));
    }

    @Test
    void shouldHandleDuplicateSendsWithOneDedupIdOnceUnderEffectivelyOnce() {
        String dedupId = tck.name("order");
        RecordingHandler handler = RecordingHandler.recording();
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));

        broker.put(queue, Message.builder().text("first send").dedupId(dedupId).build());
        broker.put(queue, Message.builder().text("retried send").dedupId(dedupId).build());
        broker.put(queue, Message.text("marker"));

        eventually().until(() -> handler.bodies().contains("marker"));
        assertThat(handler.bodies()).containsExactly("first send", "marker");
    }

    @Test
    @RequiresCapability(Capability.DUPLICATE_DETECTION)
    void shouldKeepOnlyTheFirstOfTwoSendsWithOneDedupIdInTheQueue() {
        String dedupId = tck.name("transfer");

        broker.put(queue, Message.builder().text("first send").dedupId(dedupId).build());
        broker.put(queue, Message.builder().text("retried send").dedupId(dedupId).build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("first send"));
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldHandleAMessageThatArrivesAgainOnceUnderEffectivelyOnce() {
        RecordingHandler handler = RecordingHandler.recording();
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));
        Message message = Message.text("delivered twice");

        broker.put(queue, message);
        eventually().until(() -> handler.count() == 1);
        broker.put(queue, message);
        broker.put(queue, Message.text("marker"));

        eventually().until(() -> handler.bodies().contains("marker"));
        assertThat(handler.bodies()).containsExactly("delivered twice", "marker");
    }

    @Test
    void shouldHandleTwoCopiesOfOneMessageOnceUnderEffectivelyOnceWithConcurrencyTwo() throws InterruptedException {
        Message message = Message.text("sent twice");
        broker.put(queue, message);
        broker.put(queue, message);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();

        broker.notify(queue, delivery -> {
            calls.incrementAndGet();
            assertThat(mayFinish.await(Waits.EVENTUALLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE).withConcurrency(2));
        try {
            eventually().until(() -> calls.get() >= 1);
            throughout().until(() -> calls.get() == 1);
        } finally {
            mayFinish.countDown();
        }

        eventually().untilAsserted(() -> assertThat(broker.queues()).filteredOn(q -> q.name().equals(queue))
                .singleElement().satisfies(q -> assertThat(q.depth()).isZero()));
        throughout().until(() -> calls.get() == 1);
    }

    @Test
    void shouldRedeliverAFailedMessageUntilItIsHandledOnceUnderEffectivelyOnce() {
        broker.declareQueue(queue, FAST_RETRIES);
        RecordingHandler handler = RecordingHandler.failingWhen(call -> call.message().deliveryCount() == 1);
        broker.notify(queue, handler, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));

        broker.put(queue, Message.text("fails first"));
        broker.put(queue, Message.text("marker"));

        eventually().until(() -> handler.bodies().contains("marker") && handler.callsWithBody("fails first") >= 2);
        throughout().until(() -> handler.callsWithBody("fails first") == 2);
        assertThat(handler.messages()).filteredOn(m -> m.bodyAsText().equals("fails first"))
                .extracting(Message::deliveryCount).containsExactly(1, 2);
    }

    @Test
    void shouldRememberHandledMessagesAcrossARestartOfTheConsumersBrokerUnderEffectivelyOnce() {
        Path state = tck.newStateDirectory();
        String clientId = tck.name("consumer");
        UnaryOperator<BrokerConfig.Builder> sameConsumer = config -> config.clientId(clientId).stateDirectory(state);
        Message payment = Message.text("pay 100");
        Broker first = tck.openBroker(sameConsumer);
        RecordingHandler before = RecordingHandler.recording();
        first.notify(queue, before, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));
        broker.put(queue, payment);
        eventually().until(() -> before.count() == 1);

        first.close();
        broker.put(queue, payment);
        broker.put(queue, Message.text("marker"));
        RecordingHandler after = RecordingHandler.recording();
        tck.openBroker(sameConsumer).notify(queue, after, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));

        eventually().until(() -> after.bodies().contains("marker"));
        assertThat(after.bodies()).containsExactly("marker");
    }
}
