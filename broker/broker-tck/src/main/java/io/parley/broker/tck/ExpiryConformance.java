package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Message;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.parley.broker.tck.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A message past its expiry is never delivered, by any primitive; one before it is. */
@ConformanceSuite
@RequiresCapability(Capability.EXPIRY)
public abstract class ExpiryConformance {

    private static final Duration SHORT_LIFE = Duration.ofMillis(200);

    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.broker = tck.openBroker();
        this.queue = tck.name("expiry");
    }

    @Test
    void shouldNeverGetAnExpiredMessage() {
        Message shortLived = Message.builder().text("stale").timeToLive(SHORT_LIFE).build();
        broker.put(queue, shortLived);
        eventually().until(() -> shortLived.isExpired(Instant.now()));

        broker.put(queue, Message.text("fresh"));

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("fresh"));
        assertThat(broker.poll(queue)).isEmpty();
    }

    @Test
    void shouldNeverNotifyAHandlerOfAnExpiredMessage() {
        Message shortLived = Message.builder().text("stale").timeToLive(SHORT_LIFE).build();
        broker.put(queue, shortLived);
        eventually().until(() -> shortLived.isExpired(Instant.now()));
        RecordingHandler handler = RecordingHandler.recording();

        broker.notify(queue, handler, ConsumerOptions.DEFAULT);
        broker.put(queue, Message.text("fresh"));

        eventually().until(() -> handler.bodies().contains("fresh"));
        assertThat(handler.bodies()).containsExactly("fresh");
    }

    @Test
    void shouldDeliverAMessageBeforeItExpires() {
        broker.put(queue, Message.builder().text("long lived").timeToLive(Duration.ofMinutes(5)).build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.bodyAsText()).isEqualTo("long lived"));
    }
}
