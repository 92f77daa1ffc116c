package io.parley.broker.artemis;

import io.parley.broker.BrokerHeaders;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.LamportTimestamp;
import io.parley.broker.Message;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.ToIntFunction;

/**
 * Maps a Parley {@link Message} onto an Artemis core message and back, field for field, compactly:
 * every property costs bytes in the producer window, on the wire and in the journal, so Parley's
 * own properties have short keys and numbers travel as numbers.
 *
 * <pre>
 *   Parley field     core message
 *   ------------     -------------------------------------------------------------
 *   id               property p.id
 *   body             body buffer of a BYTES message (a Jakarta BytesMessage reads it)
 *   contentType      property p.ct, left out when application/octet-stream
 *   headers          string properties of the same names (so selectors see them)
 *   correlationId    core correlation id
 *   replyTo          property p.rt ("queue:NAME" / "topic:NAME") + core reply-to address
 *   timestamp        core timestamp (ms) + int property p.tn (nanos within the ms, if any)
 *   lamport          long property p.lt + property p.ln (node id)
 *   priority         core priority 0..9
 *   expiresAt        core expiration (ms) + int property p.en (nanos within the ms, if any)
 *   dedupId          _AMQ_DUPL_ID (Artemis duplicate detection) + property p.dd
 *   groupKey         _AMQ_GROUP_ID (Artemis message groups)
 *   durability       core durable flag
 *   deliveryCount    <- core delivery count (1 on first delivery)
 * </pre>
 *
 * Parley's own keys contain a dot, which header names cannot, so they never collide with headers.
 * Properties Artemis sets ({@code _AMQ*}, {@code _HQ*}, and {@code JMSCorrelationID} and
 * {@code JMSReplyTo}, where a core message keeps those two fields) are never headers; those other protocols
 * set ({@code JMS*}, {@code NATIVE_MESSAGE_ID}) are left out only of messages Parley did not send.
 * {@code dedupId} is read back from {@code p.dd} because Artemis rewrites {@code _AMQ_DUPL_ID} when
 * it moves a message (to a dead-letter queue, say).
 *
 * <p>Messages Artemis dead-lettered itself carry {@code _AMQ_ORIG_QUEUE} but no Parley reason;
 * reading them from a dead-letter queue adds {@code parley_original_queue} and a reason naming the
 * queue's {@code maxDeliveries}. Messages from other clients (Jakarta Messaging, AMQP) decode with
 * their text or bytes body and their properties as headers; a core reply-to address that is not a
 * valid queue name is left out. Stateless and thread-safe.
 */
final class MessageCodec {

    static final SimpleString ID = SimpleString.of("p.id");
    static final SimpleString CONTENT_TYPE = SimpleString.of("p.ct");
    static final SimpleString REPLY_TO = SimpleString.of("p.rt");
    static final SimpleString TIMESTAMP_NANOS = SimpleString.of("p.tn");
    static final SimpleString LAMPORT_TIME = SimpleString.of("p.lt");
    static final SimpleString LAMPORT_NODE = SimpleString.of("p.ln");
    static final SimpleString EXPIRY_NANOS = SimpleString.of("p.en");
    static final SimpleString DEDUP_ID = SimpleString.of("p.dd");
    static final SimpleString ORIGINAL_QUEUE = SimpleString.of("_AMQ_ORIG_QUEUE");

    /** Properties Artemis itself sets on any message, or where it keeps correlation id and reply-to; never headers. */
    private static final String[] ARTEMIS_PREFIXES = {"_AMQ", "__AMQ", "_HQ", "JMSCorrelationID", "JMSReplyTo"};
    /** Properties other clients' protocols set; headers of a Parley message may start so. */
    private static final String[] FOREIGN_PREFIXES = {"JMS", "NATIVE_MESSAGE_ID"};

    /** Looks up the {@code maxDeliveries} of a queue, for the reason of a message Artemis dead-lettered. */
    private final ToIntFunction<String> maxDeliveries;

    MessageCodec(ToIntFunction<String> maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    /**
     * A core message for {@code message}, to be sent to {@code destination}. With
     * {@code duplicateDetection} off the dedup id travels as a field only (dead-letter copies).
     */
    ClientMessage encode(ClientSession session, Destination destination, Message message, boolean duplicateDetection) {
        ClientMessage core = session.createMessage(ClientMessage.BYTES_TYPE, message.durability() == Durability.PERSISTENT);
        core.getBodyBuffer().writeBytes(message.bodyBuffer());
        core.setRoutingType(destination instanceof Destination.Queue ? RoutingType.ANYCAST : RoutingType.MULTICAST);
        core.putStringProperty(ID, SimpleString.of(message.id()));
        if (!Message.OCTET_STREAM.equals(message.contentType())) {
            core.putStringProperty(CONTENT_TYPE, SimpleString.of(message.contentType()));
        }
        message.headers().forEach(core::putStringProperty);
        message.correlationId().ifPresent(core::setCorrelationID);
        message.replyTo().ifPresent(replyTo -> {
            core.putStringProperty(REPLY_TO, SimpleString.of(replyTo.toString()));
            core.setReplyTo(SimpleString.of(replyTo.name()));
        });
        Instant timestamp = message.timestamp();
        core.setTimestamp(timestamp.toEpochMilli());
        putNanosWithinMilli(core, TIMESTAMP_NANOS, timestamp);
        message.lamport().ifPresent(l -> {
            core.putLongProperty(LAMPORT_TIME, l.time());
            core.putStringProperty(LAMPORT_NODE, SimpleString.of(l.nodeId()));
        });
        core.setPriority((byte) message.priority());
        message.expiresAt().ifPresent(at -> {
            core.setExpiration(Math.max(1, at.toEpochMilli()));
            putNanosWithinMilli(core, EXPIRY_NANOS, at);
        });
        message.dedupId().ifPresent(id -> {
            core.putStringProperty(DEDUP_ID, SimpleString.of(id));
            if (duplicateDetection) {
                core.putStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID, SimpleString.of(id));
            }
        });
        message.groupKey().ifPresent(key -> core.putStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_GROUP_ID, SimpleString.of(key)));
        return core;
    }

    private static void putNanosWithinMilli(ClientMessage core, SimpleString key, Instant instant) {
        int nanos = instant.getNano() % 1_000_000;
        if (nanos != 0) {
            core.putIntProperty(key, nanos);
        }
    }

    private static Instant instant(long epochMillis, ClientMessage core, SimpleString nanosKey) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        return core.containsProperty(nanosKey) ? instant.plusNanos(core.getIntProperty(nanosKey)) : instant;
    }

    /** The Parley message that {@code core}, delivered from {@code queue}, carries. */
    Message decode(ClientMessage core, String queue) {
        Message.Builder b = Message.builder();
        String id = string(core, ID);
        b.id(id != null ? id : foreignId(core));
        String contentType = string(core, CONTENT_TYPE);
        ActiveMQBuffer body = core.isLargeMessage() ? core.getBodyBuffer() : core.getReadOnlyBodyBuffer();
        if (core.getType() == ClientMessage.TEXT_TYPE) {
            SimpleString text = body.readNullableSimpleString();
            b.body(text == null ? new byte[0] : text.toString().getBytes(StandardCharsets.UTF_8),
                    contentType != null ? contentType : Message.TEXT_PLAIN);
        } else {
            String type = contentType != null ? contentType : Message.OCTET_STREAM;
            if (core.isLargeMessage()) {
                b.body(bytes(body), type);
            } else {
                b.body(body.toByteBuffer(), type);
            }
        }
        readHeaders(core, b, id != null);
        Object correlationId = core.getCorrelationID();
        b.correlationId(correlationId == null ? null : correlationId.toString());
        b.replyTo(replyTo(core));
        b.timestamp(instant(core.getTimestamp(), core, TIMESTAMP_NANOS));
        String lamportNode = string(core, LAMPORT_NODE);
        b.lamport(lamportNode != null ? new LamportTimestamp(core.getLongProperty(LAMPORT_TIME), lamportNode) : null);
        b.priority(Math.max(Message.MIN_PRIORITY, Math.min(Message.MAX_PRIORITY, core.getPriority())));
        b.expiresAt(core.getExpiration() > 0 ? instant(core.getExpiration(), core, EXPIRY_NANOS) : null);
        b.dedupId(string(core, DEDUP_ID));
        SimpleString group = core.getGroupID();
        b.groupKey(group == null || group.isEmpty() ? null : group.toString());
        b.durability(core.isDurable() ? Durability.PERSISTENT : Durability.TRANSIENT);
        b.deliveryCount(core.getDeliveryCount());
        annotateDeadLetter(core, queue, b);
        return b.build();
    }

    /** Whether {@code queue} holds dead letters: a queue's {@code <queue>.DLQ}, or the server-wide one. */
    static boolean isDeadLetterQueue(String queue) {
        return queue.endsWith(QueueTopology.DLQ_SUFFIX) || queue.equals(EmbeddedServer.DEFAULT_DEAD_LETTER_QUEUE);
    }

    private void annotateDeadLetter(ClientMessage core, String queue, Message.Builder b) {
        if (!isDeadLetterQueue(queue) || core.containsProperty(SimpleString.of(BrokerHeaders.DEAD_LETTER_REASON))) {
            return;
        }
        String original = string(core, ORIGINAL_QUEUE);
        if (original == null) {
            return;
        }
        int max = maxDeliveries.applyAsInt(original);
        b.rawHeader(BrokerHeaders.ORIGINAL_QUEUE, original);
        b.rawHeader(BrokerHeaders.DEAD_LETTER_REASON, max > 0
                ? "delivered " + max + " times without acknowledgement (maxDeliveries " + max + ")"
                : "delivered the maximum number of times without acknowledgement");
    }

    private static void readHeaders(ClientMessage core, Message.Builder b, boolean fromParley) {
        for (SimpleString key : core.getPropertyNames()) {
            if (!isHeaderName(key) || startsWithAny(key, ARTEMIS_PREFIXES) || !fromParley && startsWithAny(key, FOREIGN_PREFIXES)) {
                continue;
            }
            Object value = core.getObjectProperty(key);
            if (value != null) {
                b.rawHeader(key.toString(), value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString());
            }
        }
    }

    /** {@link Message#HEADER_NAME_RULE} without a regex: this runs for every property of every message. */
    private static boolean isHeaderName(CharSequence name) {
        int length = name.length();
        if (length == 0 || length > 128 || !(isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = name.charAt(i);
            if (!(isLetter(c) || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean startsWithAny(CharSequence name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (startsWith(name, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(CharSequence name, String prefix) {
        if (name.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (name.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Destination replyTo(ClientMessage core) {
        String replyTo = string(core, REPLY_TO);
        if (replyTo != null) {
            return replyTo.startsWith("topic:") ? Destination.topic(replyTo.substring(6)) : Destination.queue(replyTo.substring(6));
        }
        SimpleString address = core.getReplyTo();
        if (address == null) {
            return null;
        }
        try {
            return Destination.queue(address.toString());
        } catch (InvalidDestinationException e) {
            return null;
        }
    }

    private static String foreignId(ClientMessage core) {
        return core.getUserID() != null ? core.getUserID().toString() : "artemis-" + core.getMessageID();
    }

    private static String string(ClientMessage core, SimpleString key) {
        Object value = core.getObjectProperty(key);
        return value == null ? null : value.toString();
    }

    private static byte[] bytes(ActiveMQBuffer buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }
}
