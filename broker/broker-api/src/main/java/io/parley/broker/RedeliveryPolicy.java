package io.parley.broker;

import java.time.Duration;

/**
 * Back-off between deliveries of a message that failed: the n-th redelivery waits
 * {@code min(initialDelay * multiplier^(n-1), maxDelay)}.
 */
public record RedeliveryPolicy(Duration initialDelay, double multiplier, Duration maxDelay) {

    public static final RedeliveryPolicy DEFAULT = new RedeliveryPolicy(Duration.ofMillis(100), 2.0, Duration.ofSeconds(30));

    /** Redeliver at once, without back-off. */
    public static final RedeliveryPolicy IMMEDIATE = new RedeliveryPolicy(Duration.ZERO, 1.0, Duration.ZERO);

    public RedeliveryPolicy {
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay " + initialDelay.toMillis() + " ms must not be negative");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier " + multiplier + " must be at least 1.0");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay.toMillis() + " ms must be at least initialDelay " + initialDelay.toMillis() + " ms");
        }
    }

    /** The delay before redelivery number {@code attempt} (1 = the first redelivery). */
    public Duration delayBefore(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
