package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.LamportTimestamp;
import io.parley.broker.Message;
import io.parley.broker.SendReceipt;
import io.parley.broker.SyncPoint;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of a message survives the trip from sender to receiver, and the broker stamps
 * Lamport timestamps: increasing on send, advanced past every timestamp received, with the node
 * id as tie-break.
 */
@ConformanceSuite
public abstract class MessageFieldConformance {

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.queue = tck.name("fields");
    }

    @Test
    void shouldCarryEveryFieldFromSenderToReceiver() {
        byte[] body = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\n', 0};
        Destination replyTo = Destination.queue(tck.name("replies"));
        Instant builtAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Message sent = Message.builder()
                .body(body, "application/x-parley-test")
                .header("orderId", "42")
                .header("customer", "Zoë Ünal, 東京")
                .header("empty", "")
                .correlationId("conversation-7")
                .replyTo(replyTo)
                .build();

        SendReceipt receipt = broker.send(Destination.queue(queue), sent, SyncPoint.STORED);
        Instant sentAt = Instant.now();
        Message received = broker.get(queue, Waits.RECEIVE).orElseThrow();

        assertThat(receipt).isEqualTo(new SendReceipt(sent.id(), SyncPoint.STORED));
        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.contentType()).isEqualTo("application/x-parley-test");
        assertThat(received.headers()).containsAllEntriesOf(Map.of("orderId", "42", "customer", "Zoë Ünal, 東京", "empty", ""));
        assertThat(received.correlationId()).hasValue("conversation-7");
        assertThat(received.replyTo()).hasValue(replyTo);
        assertThat(received.timestamp()).isBetween(builtAt, sentAt);
        assertThat(received.lamport()).hasValueSatisfying(l -> assertThat(l.time()).isPositive());
        assertThat(received.durability()).isEqualTo(Durability.PERSISTENT);
        assertThat(received.priority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(received.expiresAt()).isEmpty();
        assertThat(received.dedupId()).isEmpty();
        assertThat(received.groupKey()).isEmpty();
        assertThat(received.deliveryCount()).isEqualTo(1);
    }

    @Test
    void shouldCarryAnEmptyBody() {
        broker.put(queue, Message.of(new byte[0], Message.OCTET_STREAM));

        Message received = broker.get(queue, Waits.RECEIVE).orElseThrow();

        assertThat(received.bodySize()).isZero();
        assertThat(received.contentType()).isEqualTo(Message.OCTET_STREAM);
    }

    @Test
    void shouldCarryTheDedupId() {
        broker.put(queue, Message.builder().text("once").dedupId("payment-2024-001").build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.dedupId()).hasValue("payment-2024-001"));
    }

    @Test
    @RequiresCapability(Capability.PRIORITIES)
    void shouldCarryThePriority() {
        broker.put(queue, Message.builder().text("urgent").priority(Message.MAX_PRIORITY).build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.priority()).isEqualTo(9));
    }

    @Test
    @RequiresCapability(Capability.EXPIRY)
    void shouldCarryTheExpiry() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        broker.put(queue, Message.builder().text("fresh").expiresAt(expiresAt).build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.expiresAt()).hasValue(expiresAt));
    }

    @Test
    @RequiresCapability(Capability.MESSAGE_GROUPS)
    void shouldCarryTheGroupKey() {
        broker.put(queue, Message.builder().text("grouped").groupKey("customer-17").build());

        assertThat(broker.get(queue, Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.groupKey()).hasValue("customer-17"));
    }

    @Test
    void shouldStampIncreasingLamportTimestampsWithTheNodeIdOnSend() {
        String nodeId = tck.name("node");
        Broker sender = tck.openBroker(config -> config.nodeId(nodeId));
        for (int i = 0; i < 5; i++) {
            sender.put(queue, Message.text("tick " + i));
        }

        List<LamportTimestamp> stamps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stamps.add(broker.get(queue, Waits.RECEIVE).orElseThrow().lamport().orElseThrow());
        }

        assertThat(stamps).extracting(LamportTimestamp::nodeId).containsOnly(nodeId);
        assertThat(stamps).extracting(LamportTimestamp::time).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldAdvanceTheLamportClockPastEveryTimestampReceived() {
        String replies = tck.name("after");
        Broker busy = tck.openBroker(config -> config.nodeId(tck.name("busy")));
        Broker quiet = tck.openBroker(config -> config.nodeId(tck.name("quiet")));
        for (int i = 0; i < 20; i++) {
            busy.put(queue, Message.text("event " + i));
        }
        long latestReceived = 0;
        for (int i = 0; i < 20; i++) {
            latestReceived = quiet.get(queue, Waits.RECEIVE).orElseThrow().lamport().orElseThrow().time();
        }

        quiet.put(replies, Message.text("caused by the events"));
        LamportTimestamp caused = broker.get(replies, Waits.RECEIVE).orElseThrow().lamport().orElseThrow();

        assertThat(latestReceived).isGreaterThanOrEqualTo(20);
        assertThat(caused.time()).isGreaterThan(latestReceived);
    }

    @Test
    void shouldOrderTimestampsOfDifferentNodesTotallyWithTheNodeIdAsTieBreak() {
        String suffix = tck.name("n");
        Broker nodeA = tck.openBroker(config -> config.nodeId("a-" + suffix));
        Broker nodeB = tck.openBroker(config -> config.nodeId("b-" + suffix));
        nodeA.put(queue, Message.text("from a"));
        nodeB.put(queue, Message.text("from b"));

        LamportTimestamp a = broker.get(queue, Waits.RECEIVE).orElseThrow().lamport().orElseThrow();
        LamportTimestamp b = broker.get(queue, Waits.RECEIVE).orElseThrow().lamport().orElseThrow();

        assertThat(a.nodeId()).isEqualTo("a-" + suffix);
        assertThat(b.nodeId()).isEqualTo("b-" + suffix);
        assertThat(Integer.signum(a.compareTo(b))).isNotZero().isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(a.time() != b.time()
                ? Long.signum(a.time() - b.time()) : Integer.signum(a.nodeId().compareTo(b.nodeId())));
    }
}
