package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Local transactions: a receive, sends and the acknowledgement take effect together when the work
 * returns, and not at all when it throws (the received message is then delivered again).
 */
@ConformanceSuite
@RequiresCapability(Capability.LOCAL_TRANSACTIONS)
public abstract class TransactionConformance {

    private Broker broker;
    private Broker observer;
    private String input;
    private String output;

    @BeforeEach
    void openBrokers(TckEngine tck) {
        this.broker = tck.openBroker();
        this.observer = tck.openBroker();
        this.input = tck.name("tx-in");
        this.output = tck.name("tx-out");
        broker.declareQueue(input, QueueOptions.DEFAULT.withRedelivery(RedeliveryPolicy.IMMEDIATE));
        broker.declareQueue(output, QueueOptions.DEFAULT);
    }

    @Test
    void shouldCommitTheReceiveTheSendsAndTheAcknowledgementTogether() {
        broker.put(input, Message.text("order 1"));

        String result = broker.inTransaction(tx -> {
            Message order = tx.receive(input, Waits.RECEIVE).orElseThrow();
            tx.send(Destination.queue(output), Message.text("invoice for " + order.bodyAsText()));
            tx.send(Destination.queue(output), Message.text("shipment for " + order.bodyAsText()));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(observer.poll(input)).isEmpty();
        assertThat(observer.get(output, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("invoice for order 1"));
        assertThat(observer.get(output, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("shipment for order 1"));
    }

    @Test
    void shouldHideTransactionalSendsUntilTheCommit() {
        Optional<Message> seenBeforeCommit = broker.inTransaction(tx -> {
            tx.send(Destination.queue(output), Message.text("not yet"));
            return observer.poll(output);
        });

        assertThat(seenBeforeCommit).isEmpty();
        assertThat(observer.get(output, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("not yet"));
    }

    @Test
    void shouldRollBackEverythingAndRedeliverTheMessageWhenTheWorkThrows() {
        String id = broker.put(input, Message.text("order 2"));
        IllegalStateException failure = new IllegalStateException("credit check failed");

        Throwable thrown = catchThrowable(() -> broker.inTransaction(tx -> {
            tx.receive(input, Waits.RECEIVE).orElseThrow();
            tx.send(Destination.queue(output), Message.text("invoice for order 2"));
            throw failure;
        }));

        assertThat(thrown).as("the work's failure, or an exception caused by it").isNotNull()
                .satisfiesAnyOf(t -> assertThat(t).isSameAs(failure), t -> assertThat(t).hasRootCause(failure));
        assertThat(observer.get(input, Waits.RECEIVE)).hasValueSatisfying(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.deliveryCount()).isEqualTo(2);
        });
        assertThat(observer.poll(output)).isEmpty();
    }
}
