package io.parley.rpc;

import java.time.Duration;

/**
 * Per-call options, set for the calls one thread makes inside a scope:
 *
 * <pre>{@code
 * try (CallOptions.Scope scope = CallOptions.withDeadline(Duration.ofSeconds(2))) {
 *     calculator.add(1, 2);          // deadline 2 s, whatever the method's or client's default
 * }
 * }</pre>
 *
 * Scopes nest; closing one restores the enclosing one. A scope belongs to the thread that opened it.
 */
public final class CallOptions {

    private static final ThreadLocal<Duration> DEADLINE = new ThreadLocal<>();

    private CallOptions() {
    }

    /** Calls made by this thread until the scope closes get {@code deadline} (positive). */
    public static Scope withDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("per-call deadline " + (deadline == null ? null : deadline.toMillis() + " ms")
                    + " must be positive");
        }
        Duration previous = DEADLINE.get();
        DEADLINE.set(deadline);
        return new Scope(previous);
    }

    /** The deadline of the innermost open scope on this thread, or {@code null}. */
    static Duration currentDeadline() {
        return DEADLINE.get();
    }

    /** An open per-call options scope; close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final Duration previous;

        private Scope(Duration previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }
}
