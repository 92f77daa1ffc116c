package io.parley.broker.kafka;

import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.InvalidMessageException;
import io.parley.broker.LamportTimestamp;
import io.parley.broker.Message;
import io.parley.broker.spi.MessageBodies;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    @Test
    void shouldCarryEveryFieldThroughARecord() {
        Message sent = Message.builder().text("hello").header("region", "eu").correlationId("c-1")
                .replyTo(Destination.queue("answers")).lamport(new LamportTimestamp(42, "node-a"))
                .expiresAt(Instant.ofEpochMilli(4_102_444_800_000L)).dedupId("d-1").durability(Durability.TRANSIENT)
                .timestamp(Instant.ofEpochMilli(1_700_000_000_000L)).build();

        Message received = roundTrip(sent);

        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(received.bodyAsText()).isEqualTo("hello");
        assertThat(received.contentType()).isEqualTo(Message.TEXT_PLAIN);
        assertThat(received.headers()).containsExactlyEntriesOf(sent.headers());
        assertThat(received.correlationId()).isEqualTo(sent.correlationId());
        assertThat(received.replyTo()).isEqualTo(sent.replyTo());
        assertThat(received.lamport()).contains(new LamportTimestamp(42, "node-a"));
        assertThat(received.expiresAt()).isEqualTo(sent.expiresAt());
        assertThat(received.dedupId()).contains("d-1");
        assertThat(received.durability()).isEqualTo(Durability.TRANSIENT);
        assertThat(received.timestamp()).isEqualTo(sent.timestamp());
    }

    @Test
    void shouldCarryIdAndLamportTimestampInOneHeader() {
        Message stamped = Message.builder().id("ünïcode id").wrapBody(new byte[1024], Message.OCTET_STREAM)
                .lamport(new LamportTimestamp(Long.MAX_VALUE, "node ü")).build();
        Message unstamped = Message.wrap(new byte[1024], Message.OCTET_STREAM);

        ProducerRecord<byte[], byte[]> record = MessageCodec.encode("queue.q", stamped);

        assertThat(record.headers().toArray()).extracting(Header::key).containsExactly("_p");
        assertThat(roundTrip(stamped).id()).isEqualTo("ünïcode id");
        assertThat(roundTrip(stamped).lamport()).contains(new LamportTimestamp(Long.MAX_VALUE, "node ü"));
        assertThat(roundTrip(unstamped).id()).isEqualTo(unstamped.id());
        assertThat(roundTrip(unstamped).lamport()).isEmpty();
    }

    @Test
    void shouldReadTheIdAndLamportHeadersOfEarlierRecords() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("_id", "m-1".getBytes(StandardCharsets.UTF_8));
        headers.add("_lt", "42@node-a".getBytes(StandardCharsets.UTF_8));

        Message received = MessageCodec.decode(record(headers, ByteBuffer.wrap(new byte[0])), 1);

        assertThat(received.id()).isEqualTo("m-1");
        assertThat(received.lamport()).contains(new LamportTimestamp(42, "node-a"));
    }

    @Test
    void shouldRefuseAMalformedIdentityHeaderNamingTheRecord() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("_p", new byte[] {40, 'x'}); // says 20 bytes of id, holds one

        assertThatThrownBy(() -> MessageCodec.decode(record(headers, ByteBuffer.wrap(new byte[0])), 1))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("record queue.q-0-5: header _p (message id and Lamport timestamp) is malformed");
    }

    @Test
    void shouldIdentifyARecordOfAnotherProducerByItsCoordinates() {
        Message received = MessageCodec.decode(record(new RecordHeaders(), ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8))), 1);

        assertThat(received.id()).isEqualTo("queue.q-0-5");
    }

    @Test
    void shouldHandTheProducerTheBodyWithoutACopy() {
        // the producer copies the value into its batch during send(): a copy of its own here would be the second
        Message sent = Message.text("hello");

        ProducerRecord<byte[], byte[]> record = MessageCodec.encode("queue.q", sent);

        assertThat(record.value()).isSameAs(MessageBodies.array(sent));
    }

    @Test
    void shouldCopyTheBodyOutOfTheFetchedBytes() {
        // the consumer hands out views of its fetch buffer: a window of a larger buffer
        ByteBuffer fetched = ByteBuffer.wrap("..body..".getBytes(StandardCharsets.UTF_8));
        ByteBuffer value = fetched.position(2).limit(6).slice();

        Message received = MessageCodec.decode(record(new RecordHeaders(), value), 1);
        fetched.put(2, (byte) 'X');

        assertThat(received.bodyAsText()).isEqualTo("body");
        assertThat(value.remaining()).isEqualTo(4);
    }

    private static Message roundTrip(Message sent) {
        ProducerRecord<byte[], byte[]> out = MessageCodec.encode("queue.q", sent);
        RecordHeaders headers = new RecordHeaders(out.headers().toArray());
        return MessageCodec.decode(new ConsumerRecord<>("queue.q", 0, 5, out.timestamp(), TimestampType.CREATE_TIME,
                out.value().length, out.value().length, null, ByteBuffer.wrap(out.value()), headers, Optional.empty()), 1);
    }

    private static ConsumerRecord<byte[], ByteBuffer> record(RecordHeaders headers, ByteBuffer value) {
        return new ConsumerRecord<>("queue.q", 0, 5, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                0, value.remaining(), null, value, headers, Optional.empty());
    }
}
