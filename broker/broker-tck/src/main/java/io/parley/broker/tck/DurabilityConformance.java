package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.QueueInfo;
import io.parley.broker.Subscription;
import io.parley.broker.Ticket;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static io.parley.broker.tck.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What survives a restart of the engine over the same storage: persistent messages (not transient
 * ones), durable subscriptions, ticket replies waiting in a mailbox, and the record of messages an
 * EFFECTIVELY_ONCE consumer handled. Every test restarts the engine.
 */
@ConformanceSuite
public abstract class DurabilityConformance {

    private TckEngine tck;
    private String queue;

    @BeforeEach
    void nameQueue(TckEngine tck) {
        this.tck = tck;
        this.queue = tck.name("durable");
    }

    @Test
    void shouldKeepAPersistentMessageAcrossAnEngineRestart() {
        Message sent = Message.builder().text("keep me").persistent(true).build();
        tck.openBroker().put(queue, sent);

        tck.restartEngine();

        assertThat(tck.openBroker().get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> {
            assertThat(m.id()).isEqualTo(sent.id());
            assertThat(m.bodyAsText()).isEqualTo("keep me");
            assertThat(m.durability()).isEqualTo(Durability.PERSISTENT);
        });
    }

    @Test
    @RequiresCapability(Capability.TRANSIENT_MESSAGES)
    void shouldLoseATransientMessageOnAnEngineRestart() {
        Broker broker = tck.openBroker();
        broker.put(queue, Message.builder().text("in memory only").durability(Durability.TRANSIENT).build());
        broker.put(queue, Message.builder().text("in the journal").durability(Durability.PERSISTENT).build());
        eventually().untilAsserted(() -> assertThat(broker.queues()).contains(new QueueInfo(queue, 2, 0, 0)));

        tck.restartEngine();
        Broker restarted = tck.openBroker();

        assertThat(restarted.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("in the journal"));
        assertThat(restarted.poll(queue)).isEmpty();
    }

    @Test
    @RequiresCapability(Capability.TRANSIENT_MESSAGES)
    void shouldDeliverATransientMessageMarkedTransient() {
        Broker broker = tck.openBroker();
        broker.put(queue, Message.builder().text("light").durability(Durability.TRANSIENT).build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.durability()).isEqualTo(Durability.TRANSIENT));
    }

    @Test
    @RequiresCapability(Capability.DURABLE_SUBSCRIPTIONS)
    void shouldKeepADurableSubscriptionAndItsMessagesAcrossAnEngineRestart() {
        String clientId = tck.name("subscriber");
        String topic = tck.name("prices") + ".eur";
        String durableName = tck.name("ledger");
        Subscription subscription = tck.openBroker(config -> config.clientId(clientId))
                .subscribe(Destination.topic(topic), durableName, RecordingHandler.recording(), ConsumerOptions.DEFAULT);
        subscription.close();
        tck.openBroker().publish(topic, Message.text("published while the subscriber was away"));

        tck.restartEngine();
        RecordingHandler handler = RecordingHandler.recording();
        tck.openBroker(config -> config.clientId(clientId))
                .subscribe(Destination.topic(topic), durableName, handler, ConsumerOptions.DEFAULT);

        eventually().until(() -> handler.count() >= 1);
        assertThat(handler.bodies()).containsExactly("published while the subscriber was away");
    }

    @Test
    void shouldKeepATicketsReplyInTheMailboxAcrossAnEngineRestart() {
        String clientId = tck.name("requester");
        Ticket ticket = tck.openBroker(config -> config.clientId(clientId)).submit(queue, Message.text("quote?"));
        RecordingHandler responder = RecordingHandler.recording();
        tck.openBroker().notify(queue, delivery -> {
            delivery.reply(Message.text("quote: 12.50"));
            responder.onMessage(delivery);
        }, ConsumerOptions.DEFAULT);
        eventually().until(() -> responder.count() == 1);

        tck.restartEngine();

        assertThat(tck.openBroker(config -> config.clientId(clientId)).await(Ticket.parse(ticket.toString()), Waits.RECEIVE))
                .hasValueSatisfying(reply -> {
                    assertThat(reply.bodyAsText()).isEqualTo("quote: 12.50");
                    assertThat(reply.correlationId()).hasValue(ticket.id());
                });
    }

    @Test
    void shouldRememberHandledMessagesAcrossAnEngineRestartUnderEffectivelyOnce() {
        Path state = tck.newStateDirectory();
        String clientId = tck.name("once");
        UnaryOperator<BrokerConfig.Builder> sameConsumer = config -> config.clientId(clientId).stateDirectory(state);
        Message payment = Message.builder().text("pay 100").dedupId(tck.name("payment")).build();
        RecordingHandler before = RecordingHandler.recording();
        tck.openBroker(sameConsumer).notify(queue, before, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));
        tck.openBroker().put(queue, payment);
        eventually().until(() -> before.count() == 1);

        tck.restartEngine();
        RecordingHandler after = RecordingHandler.recording();
        tck.openBroker(sameConsumer).notify(queue, after, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE));
        Broker producer = tck.openBroker();
        producer.put(queue, payment.toBuilder().newId().build());
        producer.put(queue, Message.text("marker"));

        eventually().until(() -> after.bodies().contains("marker"));
        assertThat(after.bodies()).containsExactly("marker");
    }
}
