package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** Factories for the gateway's own request errors; every message names the value and the rule. */
final class GatewayErrors {

    private GatewayErrors() {
    }

    static ParleyException invalid(String message) {
        return new ParleyException(ErrorCode.INVALID_ARGUMENT, message);
    }

    static ParleyException notFound(String message) {
        return new ParleyException(ErrorCode.NOT_FOUND, message);
    }

    static ParleyException exhausted(String message) {
        return new ParleyException(ErrorCode.RESOURCE_EXHAUSTED, message);
    }

    static ParleyException tooLarge(String message) {
        return new ParleyException(ErrorCode.MESSAGE_TOO_LARGE, message);
    }

    /** The failure inside a {@link java.util.concurrent.CompletionException}, or {@code error} itself. */
    static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * A {@code long} header or query parameter within {@code min..max}; {@code fallback} when absent.
     *
     * @param kind "header" or "parameter", as the error message says it
     */
    static long longInRange(String kind, String name, String text, long min, long max, long fallback) {
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(kind + " " + name + " '" + text + "' is not an integer: allowed are " + min + ".." + max);
        }
        if (value < min || value > max) {
            throw invalid(kind + " " + name + " '" + text + "' is out of range " + min + ".." + max);
        }
        return value;
    }
}
