package io.parley.broker;

import io.parley.broker.spi.MessageBodies;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable message: a body of bytes with its content type, application headers, and the fields
 * the broker uses to deliver it.
 *
 * <p>Build one with {@link #text(String)}, {@link #of(byte[], String)} or {@link #builder()}; derive
 * a changed copy with {@link #toBuilder()}. {@link #wrap(byte[], String)} takes the caller's body
 * array without copying it: such a message is immutable as long as the caller leaves the array
 * alone. Fields the broker fills in on send (id if absent, timestamps) or on delivery
 * ({@link #deliveryCount()}) are ignored when an application sets them where they make no sense.
 *
 * <p>Header names follow {@value #HEADER_NAME_RULE} (so they work in selectors); names starting
 * with {@code parley} (any case) are reserved for the broker, and names starting with {@code _}
 * belong to engines, so an application cannot set them. Messages from other clients may carry
 * such names; they are read as they come.
 */
public final class Message {

    public static final String HEADER_NAME_RULE = "[A-Za-z][A-Za-z0-9_]{0,127}";
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;
    public static final int DEFAULT_PRIORITY = 4;
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final byte[] EMPTY = new byte[0];
    /** The latest expiry a message can carry: engines keep expiry as epoch milliseconds. */
    private static final Instant LATEST_EXPIRY = Instant.ofEpochMilli(Long.MAX_VALUE);

    static {
        // engines read the body without a copy (see MessageBodies); applications get copies
        MessageBodies.install(message -> message.body);
    }

    private final String id;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers;
    private final String correlationId;
    private final Destination replyTo;
    private final Instant timestamp;
    private final LamportTimestamp lamport;
    private final int priority;
    private final Instant expiresAt;
    private final String dedupId;
    private final String groupKey;
    private final int deliveryCount;
    private final Durability durability;

    private Message(Builder b) {
        this.id = b.id != null ? b.id : MessageIds.next();
        this.body = b.body;
        this.contentType = b.contentType;
        this.headers = b.headers.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.correlationId = b.correlationId;
        this.replyTo = b.replyTo;
        this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
        this.lamport = b.lamport;
        this.priority = b.priority;
        this.expiresAt = b.expiresAt;
        this.dedupId = b.dedupId;
        this.groupKey = b.groupKey;
        this.deliveryCount = b.deliveryCount;
        this.durability = b.durability;
    }

    /** A UTF-8 text message. */
    public static Message text(String text) {
        return builder().text(text).build();
    }

    /** A message with the given body bytes and content type; the bytes are copied. */
    public static Message of(byte[] body, String contentType) {
        return builder().body(body, contentType).build();
    }

    /**
     * A message whose body is {@code body} itself, not a copy: the caller hands the array over and
     * never changes it afterwards (as with a Kafka {@code ProducerRecord}'s value). For bodies made
     * for the message — serialised, encoded — where {@link #of} would copy a kilobyte for nothing.
     */
    public static Message wrap(byte[] body, String contentType) {
        return builder().wrapBody(body, contentType).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Unique id; assigned when the message is built unless given. */
    public String id() {
        return id;
    }

    /** The body; a copy, so the message stays immutable. */
    public byte[] body() {
        return body.clone();
    }

    /** A read-only view of the body, without copying it. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** The body's length in bytes, without copying it. */
    public int bodySize() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String contentType() {
        return contentType;
    }

    /** Application headers, in insertion order; unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The id of the message this one answers or belongs with, if any. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** Where replies to this message go, if anywhere. */
    public Optional<Destination> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** Wall-clock time the message was sent (or built, before it is sent). */
    public Instant timestamp() {
        return timestamp;
    }

    /** The Lamport timestamp stamped on send; empty before the message is sent. */
    public Optional<LamportTimestamp> lamport() {
        return Optional.ofNullable(lamport);
    }

    /** 0 (lowest) to 9 (highest); 4 by default. */
    public int priority() {
        return priority;
    }

    /** When the message expires undelivered, if ever. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether the message has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The key the engine suppresses duplicate sends by, if any. */
    public Optional<String> dedupId() {
        return Optional.ofNullable(dedupId);
    }

    /** Messages with the same group key are delivered in order, one at a time, under competing consumers. */
    public Optional<String> groupKey() {
        return Optional.ofNullable(groupKey);
    }

    /** How many times this message has been delivered, this delivery included; 0 before delivery. */
    public int deliveryCount() {
        return deliveryCount;
    }

    public Durability durability() {
        return durability;
    }

    /** The key duplicate suppression uses: the dedup id if set, else the message id. */
    public String dedupKey() {
        return dedupId != null ? dedupId : id;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message m)) {
            return false;
        }
        return priority == m.priority && deliveryCount == m.deliveryCount && id.equals(m.id)
                && Arrays.equals(body, m.body) && Objects.equals(contentType, m.contentType)
                && headers.equals(m.headers) && Objects.equals(correlationId, m.correlationId)
                && Objects.equals(replyTo, m.replyTo) && Objects.equals(timestamp, m.timestamp)
                && Objects.equals(lamport, m.lamport) && Objects.equals(expiresAt, m.expiresAt)
                && Objects.equals(dedupId, m.dedupId) && Objects.equals(groupKey, m.groupKey)
                && durability == m.durability;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Message[id=" + id + ", " + body.length + " bytes " + contentType + ", headers=" + headers
                + (correlationId != null ? ", correlationId=" + correlationId : "")
                + (groupKey != null ? ", group=" + groupKey : "")
                + ", priority=" + priority + ", " + durability
                + (deliveryCount > 0 ? ", deliveryCount=" + deliveryCount : "") + "]";
    }

    /** Builds a {@link Message}; validates every field as it is set. Not thread-safe. */
    public static final class Builder {
        private String id;
        private byte[] body = EMPTY;
        private String contentType = OCTET_STREAM;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String correlationId;
        private Destination replyTo;
        /** Now, when built, unless set: most messages get theirs from a copy or on send, so the clock is not read for nothing. */
        private Instant timestamp;
        private LamportTimestamp lamport;
        private int priority = DEFAULT_PRIORITY;
        private Instant expiresAt;
        private String dedupId;
        private String groupKey;
        private int deliveryCount;
        private Durability durability = Durability.PERSISTENT;

        private Builder() {
        }

        private Builder(Message m) {
            id = m.id;
            body = m.body;
            contentType = m.contentType;
            headers.putAll(m.headers);
            correlationId = m.correlationId;
            replyTo = m.replyTo;
            timestamp = m.timestamp;
            lamport = m.lamport;
            priority = m.priority;
            expiresAt = m.expiresAt;
            dedupId = m.dedupId;
            groupKey = m.groupKey;
            deliveryCount = m.deliveryCount;
            durability = m.durability;
        }

        public Builder id(String id) {
            this.id = requireText("id", id);
            return this;
        }

        /** A fresh id, for a copy that is a new message rather than the same one again. */
        public Builder newId() {
            this.id = MessageIds.next();
            return this;
        }

        /** Sets the body to a copy of {@code body}. */
        public Builder body(byte[] body, String contentType) {
            return wrapBody(Objects.requireNonNull(body, "body").clone(), contentType);
        }

        /** Sets the body to {@code body} itself, not a copy: the caller never changes the array afterwards (see {@link Message#wrap}). */
        public Builder wrapBody(byte[] body, String contentType) {
            this.body = Objects.requireNonNull(body, "body");
            this.contentType = requireText("contentType", contentType);
            return this;
        }

        /** Sets the body to the remaining bytes of {@code body} (copied once; the buffer's position is left alone). */
        public Builder body(ByteBuffer body, String contentType) {
            ByteBuffer view = body.duplicate();
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return wrapBody(copy, contentType);
        }

        public Builder text(String text) {
            return wrapBody(text.getBytes(StandardCharsets.UTF_8), TEXT_PLAIN);
        }

        /** Sets an application header; names starting with {@code parley} are reserved. */
        public Builder header(String name, String value) {
            checkHeaderName(name);
            if (name.regionMatches(true, 0, "parley", 0, 6)) {
                throw new InvalidMessageException("header name '" + name + "' is reserved: names starting with 'parley' belong to the broker");
            }
            headers.put(name, Objects.requireNonNull(value, () -> "value of header '" + name + "'"));
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        public Builder clearHeaders() {
            headers.clear();
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder replyTo(Destination replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        public Builder lamport(LamportTimestamp lamport) {
            this.lamport = lamport;
            return this;
        }

        public Builder priority(int priority) {
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw new InvalidMessageException("priority " + priority + " is out of range " + MIN_PRIORITY + ".." + MAX_PRIORITY);
            }
            this.priority = priority;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
                throw new InvalidMessageException("expiresAt " + expiresAt + " is beyond the latest expiry " + LATEST_EXPIRY
                        + "; leave expiry unset for a message that never expires");
            }
            this.expiresAt = expiresAt;
            return this;
        }

        /** Expires the message {@code ttl} after now; must be positive. */
        public Builder timeToLive(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new InvalidMessageException("time to live " + ttl.toMillis() + " ms must be positive");
            }
            this.expiresAt = Instant.now().plus(ttl);
            return this;
        }

        public Builder dedupId(String dedupId) {
            this.dedupId = dedupId == null ? null : requireText("dedupId", dedupId);
            return this;
        }

        public Builder groupKey(String groupKey) {
            this.groupKey = groupKey == null ? null : requireText("groupKey", groupKey);
            return this;
        }

        /** Set by engines on delivery; applications have no reason to set it. */
        public Builder deliveryCount(int deliveryCount) {
            this.deliveryCount = deliveryCount;
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        public Builder persistent(boolean persistent) {
            return durability(persistent ? Durability.PERSISTENT : Durability.TRANSIENT);
        }

        /** Sets a header without the reserved-prefix check; for engines restoring broker headers. */
        public Builder rawHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Message build() {
            return new Message(this);
        }

        private static String requireText(String field, String value) {
            if (value == null || value.isEmpty()) {
                throw new InvalidMessageException(field + " must not be empty");
            }
            if (value.length() > 1024) {
                throw new InvalidMessageException(field + " of " + value.length() + " characters exceeds the limit of 1024");
            }
            return value;
        }

        /** {@link #HEADER_NAME_RULE}, checked by hand: this runs for every header of every message built. */
        private static void checkHeaderName(String name) {
            if (name == null || !isHeaderName(name)) {
                throw new InvalidMessageException("header name '" + name + "' is invalid: allowed are " + HEADER_NAME_RULE);
            }
        }

        private static boolean isHeaderName(String name) {
            int length = name.length();
            if (length == 0 || length > 128 || !isAsciiLetter(name.charAt(0))) {
                return false;
            }
            for (int i = 1; i < length; i++) {
                char c = name.charAt(i);
                if (!isAsciiLetter(c) && (c < '0' || c > '9') && c != '_') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }
    }
}
