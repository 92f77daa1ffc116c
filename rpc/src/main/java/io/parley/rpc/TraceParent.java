package io.parley.rpc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context {@code traceparent} values: {@code 00-<trace id>-<parent span id>-<flags>}.
 * A call made while serving another continues that call's trace with a new span id; any other
 * call starts a new trace.
 */
final class TraceParent {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParent() {
    }

    static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches() && !value.startsWith("ff")
                && !value.substring(3, 35).equals("0".repeat(32)) && !value.substring(36, 52).equals("0".repeat(16));
    }

    /** A traceparent for a new span: a child of {@code parent} if it is valid, else the root of a new trace. */
    static String childOf(String parent) {
        if (isValid(parent)) {
            return "00-" + parent.substring(3, 35) + "-" + spanId() + "-" + parent.substring(53, 55);
        }
        return "00-" + hex(16) + "-" + spanId() + "-01";
    }

    static String traceId(String traceparent) {
        return isValid(traceparent) ? traceparent.substring(3, 35) : null;
    }

    private static String spanId() {
        return hex(8);
    }

    private static String hex(int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (sb.length() < bytes * 2) {
            String chunk = Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(1);
            sb.append(chunk);
        }
        String id = sb.substring(0, bytes * 2);
        return id.equals("0".repeat(bytes * 2)) ? hex(bytes) : id;
    }
}
