package io.parley.broker;

import io.parley.broker.spi.MessageBodies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTest {

    @Test
    void shouldBeImmutable() {
        byte[] body = {1, 2, 3};
        Message message = Message.of(body, "application/octet-stream");
        body[0] = 9;
        message.body()[1] = 9;
        assertThat(message.body()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldTakeAWrappedBodyAsItIs() {
        byte[] body = {1, 2, 3};
        Message message = Message.wrap(body, "application/octet-stream");

        assertThat(MessageBodies.array(message)).isSameAs(body);
        assertThat(message.body()).containsExactly(1, 2, 3).isNotSameAs(body);
        assertThat(Message.builder().wrapBody(body, "application/octet-stream").build().bodySize()).isEqualTo(3);
        assertThatThrownBy(() -> Message.wrap(null, "application/octet-stream")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldRejectPriorityOutOfRange() {
        assertThatThrownBy(() -> Message.builder().priority(10))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("priority 10 is out of range 0..9");
    }

    @Test
    void shouldReserveParleyHeaders() {
        assertThatThrownBy(() -> Message.builder().header("ParleyThing", "x"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("header name 'ParleyThing' is reserved");
        assertThatThrownBy(() -> Message.builder().header("bad-name", "x"))
                .hasMessageContaining("header name 'bad-name' is invalid");
    }

    @Test
    void shouldAcceptExactlyTheHeaderNamesOfTheRule() {
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile(Message.HEADER_NAME_RULE);
        for (String name : java.util.List.of("a", "Z", "rpc_method", "x9_", "a".repeat(128), "a".repeat(129), "", "9a", "_a",
                "a-b", "a.b", "é", "aé", "a b", "a\u0000")) {
            boolean valid = rule.matcher(name).matches();
            if (valid) {
                assertThat(Message.builder().header(name, "v").build().headers()).containsEntry(name, "v");
            } else {
                assertThatThrownBy(() -> Message.builder().header(name, "v")).as(name)
                        .isInstanceOf(InvalidMessageException.class).hasMessageContaining("is invalid");
            }
        }
    }

    @Test
    void shouldCopyEveryFieldThroughToBuilder() {
        Message original = Message.builder().text("hi").header("region", "eu").correlationId("c1")
                .replyTo(Destination.queue("answers")).priority(7).dedupId("d1").groupKey("g1")
                .lamport(new LamportTimestamp(5, "n1")).expiresAt(Instant.now().plusSeconds(60))
                .durability(Durability.TRANSIENT).build();
        assertThat(original.toBuilder().build()).isEqualTo(original);
        assertThat(original.dedupKey()).isEqualTo("d1");
    }

    @Test
    void shouldCopyABodyFromAByteBufferWithoutMovingIt() {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
        buffer.position(1);
        Message message = Message.builder().body(buffer, "application/octet-stream").build();
        buffer.put(1, (byte) 7);
        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(message.bodyBuffer().isReadOnly()).isTrue();
    }

    @Test
    void shouldRefuseAnExpiryNoEngineCanHold() {
        assertThatThrownBy(() -> Message.builder().expiresAt(Instant.MAX))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("expiresAt +1000000000-12-31T23:59:59.999999999Z is beyond the latest expiry");
    }

    @Test
    void shouldLeaveUnderscoreHeaderNamesToEngines() {
        assertThatThrownBy(() -> Message.builder().header("_AMQ_DUPL_ID", "x"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("header name '_AMQ_DUPL_ID' is invalid: allowed are [A-Za-z][A-Za-z0-9_]{0,127}");
    }

    @Test
    void shouldExpireAfterTimeToLive() {
        Message message = Message.builder().timeToLive(Duration.ofSeconds(1)).build();
        assertThat(message.isExpired(Instant.now())).isFalse();
        assertThat(message.isExpired(Instant.now().plusSeconds(2))).isTrue();
        assertThatThrownBy(() -> Message.builder().timeToLive(Duration.ZERO)).hasMessage("time to live 0 ms must be positive");
    }

    @Test
    void lamportTimestampsShouldOrderByTimeThenNode() {
        assertThat(new LamportTimestamp(1, "b")).isLessThan(new LamportTimestamp(2, "a"));
        assertThat(new LamportTimestamp(2, "a")).isLessThan(new LamportTimestamp(2, "b"));
        assertThat(LamportTimestamp.parse("7@node-1")).isEqualTo(new LamportTimestamp(7, "node-1"));
    }

    @Test
    void ticketShouldRoundTripThroughText() {
        Ticket ticket = new Ticket("abc", "parley.mailbox.c1");
        assertThat(Ticket.parse(ticket.toString())).isEqualTo(ticket);
        assertThatThrownBy(() -> Ticket.parse("nothing")).hasMessageContaining("MAILBOX/ID");
    }

    @Test
    void redeliveryPolicyShouldBackOffExponentiallyUpToMax() {
        RedeliveryPolicy policy = new RedeliveryPolicy(Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(500));
    }
}
