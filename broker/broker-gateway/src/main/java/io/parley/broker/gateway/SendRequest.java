package io.parley.broker.gateway;

import io.parley.broker.Message;
import io.parley.broker.SyncPoint;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.Locale;

/**
 * A send as the HTTP request describes it: the message built from the body and the
 * {@code Parley-*} headers, the sync point the answer waits for, and how long it waits.
 * Parsing validates every header and names the header, the value and the rule on failure.
 */
record SendRequest(Message message, SyncPoint syncPoint, Duration syncTimeout) {

    static final long MAX_TTL_MS = 365L * 24 * 3600 * 1000;
    static final long DEFAULT_SYNC_TIMEOUT_MS = 30_000;
    static final long MAX_SYNC_TIMEOUT_MS = 300_000;
    static final int MAX_KEY_LENGTH = 1024;

    /** Parses the headers; {@code body} has already been read within the size limit. */
    static SendRequest parse(HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        Message.Builder message = Message.builder()
                .body(body, type != null ? type.toString() : Message.OCTET_STREAM)
                .persistent(parsePersistent(headers.getHeaderString(GatewayHeaders.PERSISTENT)));
        String priority = headers.getHeaderString(GatewayHeaders.PRIORITY);
        if (priority != null) {
            message.priority((int) GatewayErrors.longInRange("header", GatewayHeaders.PRIORITY, priority,
                    Message.MIN_PRIORITY, Message.MAX_PRIORITY, Message.DEFAULT_PRIORITY));
        }
        String ttl = headers.getHeaderString(GatewayHeaders.TTL_MS);
        if (ttl != null) {
            message.timeToLive(Duration.ofMillis(GatewayErrors.longInRange("header", GatewayHeaders.TTL_MS, ttl, 1, MAX_TTL_MS, 0)));
        }
        message.dedupId(key(GatewayHeaders.DEDUP_ID, headers.getHeaderString(GatewayHeaders.DEDUP_ID)));
        message.groupKey(key(GatewayHeaders.GROUP, headers.getHeaderString(GatewayHeaders.GROUP)));
        SyncPoint syncPoint = parseSync(headers.getHeaderString(GatewayHeaders.SYNC));
        long timeoutMs = GatewayErrors.longInRange("header", GatewayHeaders.SYNC_TIMEOUT_MS,
                headers.getHeaderString(GatewayHeaders.SYNC_TIMEOUT_MS), 1, MAX_SYNC_TIMEOUT_MS, DEFAULT_SYNC_TIMEOUT_MS);
        return new SendRequest(message.build(), syncPoint, Duration.ofMillis(timeoutMs));
    }

    private static boolean parsePersistent(String text) {
        if (text == null) {
            return true;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GatewayErrors.invalid("header " + GatewayHeaders.PERSISTENT + " '" + text
                    + "' is invalid: allowed are true or false");
        };
    }

    private static SyncPoint parseSync(String text) {
        if (text == null) {
            return SyncPoint.STORED;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "submitted" -> SyncPoint.SUBMITTED;
            case "stored" -> SyncPoint.STORED;
            case "delivered" -> SyncPoint.DELIVERED;
            default -> throw GatewayErrors.invalid("header " + GatewayHeaders.SYNC + " '" + text
                    + "' is invalid: allowed are submitted, stored or delivered");
        };
    }

    private static String key(String header, String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > MAX_KEY_LENGTH) {
            throw GatewayErrors.invalid("header " + header + " of " + text.length()
                    + " characters is invalid: allowed are 1.." + MAX_KEY_LENGTH + " characters");
        }
        return text;
    }
}
