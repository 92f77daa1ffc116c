package io.parley.broker.kafka;

import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.LamportTimestamp;
import io.parley.broker.Message;
import io.parley.broker.spi.MessageBodies;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Parley messages as Kafka records. The body is the record's value, the group key its key (so one
 * group's messages share a partition), the wall-clock timestamp its timestamp; the other fields are
 * record headers whose names start with {@code _} (application header names start with a letter,
 * so they never clash), and every message header is a record header of the same name:
 *
 * <pre>
 *   _id  message id          _ct  content type (absent: application/octet-stream)
 *   _cid correlation id      _rt  reply-to (queue:NAME / topic:NAME)
 *   _lt  Lamport timestamp   _pr  priority (absent: 4)
 *   _ex  expiry, epoch ms    _dd  dedup id        _tr  present if TRANSIENT
 * </pre>
 *
 * Stateless.
 */
final class MessageCodec {

    private static final String ID = "_id";
    private static final String CONTENT_TYPE = "_ct";
    private static final String CORRELATION_ID = "_cid";
    private static final String REPLY_TO = "_rt";
    private static final String LAMPORT = "_lt";
    private static final String PRIORITY = "_pr";
    private static final String EXPIRES = "_ex";
    private static final String DEDUP = "_dd";
    private static final String TRANSIENT = "_tr";

    private MessageCodec() {
    }

    static ProducerRecord<byte[], byte[]> encode(String kafkaTopic, Message message) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, ID, message.id());
        if (!Message.OCTET_STREAM.equals(message.contentType())) {
            put(headers, CONTENT_TYPE, message.contentType());
        }
        message.correlationId().ifPresent(v -> put(headers, CORRELATION_ID, v));
        message.replyTo().ifPresent(v -> put(headers, REPLY_TO, v.toString()));
        message.lamport().ifPresent(v -> put(headers, LAMPORT, v.toString()));
        if (message.priority() != Message.DEFAULT_PRIORITY) {
            put(headers, PRIORITY, Integer.toString(message.priority()));
        }
        message.expiresAt().ifPresent(v -> put(headers, EXPIRES, Long.toString(v.toEpochMilli())));
        message.dedupId().ifPresent(v -> put(headers, DEDUP, v));
        if (message.durability() == Durability.TRANSIENT) {
            put(headers, TRANSIENT, "");
        }
        message.headers().forEach((name, value) -> put(headers, name, value));
        byte[] key = message.groupKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        // the producer copies the value into its batch before send() returns: the message's own array will do
        return new ProducerRecord<>(kafkaTopic, null, message.timestamp().toEpochMilli(), key, MessageBodies.array(message), headers);
    }

    static Message decode(ConsumerRecord<byte[], ByteBuffer> record, int deliveryCount) {
        Message.Builder builder = Message.builder().timestamp(Instant.ofEpochMilli(record.timestamp())).deliveryCount(deliveryCount);
        String contentType = Message.OCTET_STREAM;
        boolean hasId = false;
        for (Header header : record.headers()) {
            String name = header.key();
            String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            switch (name) {
                case ID -> {
                    builder.id(value);
                    hasId = true;
                }
                case CONTENT_TYPE -> contentType = value;
                case CORRELATION_ID -> builder.correlationId(value);
                case REPLY_TO -> builder.replyTo(Destination.parse(value));
                case LAMPORT -> builder.lamport(LamportTimestamp.parse(value));
                case PRIORITY -> builder.priority(Integer.parseInt(value));
                case EXPIRES -> builder.expiresAt(Instant.ofEpochMilli(Long.parseLong(value)));
                case DEDUP -> builder.dedupId(value);
                case TRANSIENT -> builder.durability(Durability.TRANSIENT);
                default -> builder.rawHeader(name, value);
            }
        }
        if (!hasId) {
            // a record some other Kafka producer wrote: its coordinates identify it
            builder.id(record.topic() + "-" + record.partition() + "-" + record.offset());
        }
        if (record.key() != null) {
            builder.groupKey(new String(record.key(), StandardCharsets.UTF_8));
        }
        // the value is a view of the fetched bytes: the body copies it once, here
        ByteBuffer value = record.value() == null ? ByteBuffer.allocate(0) : record.value();
        return builder.body(value, contentType).build();
    }

    /** The expiry of a record without decoding it, or {@code Long.MAX_VALUE} if it never expires. */
    static long expiresAtMillis(ConsumerRecord<byte[], ByteBuffer> record) {
        Header header = record.headers().lastHeader(EXPIRES);
        return header == null ? Long.MAX_VALUE : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
