package io.parley.rpc;

import io.parley.broker.Durability;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link RpcClient}. Immutable; {@link #builder()} validates every value in one
 * place and names the key, the value and the rule on failure.
 *
 * @param callerId          who calls: servers key duplicate suppression and orphans by it. Give a
 *                          stable id to have a restarted process recognised as the same caller (a
 *                          new epoch); {@code null} means a random id for this instance, with epoch 1
 *                          and no epoch file
 * @param stateDirectory    where the caller's epoch counter is kept ({@code rpc-caller-<id>.epoch})
 * @param defaultDeadline   a call's deadline unless its method ({@link Deadline}) or the call
 *                          ({@link CallOptions}) says otherwise
 * @param attemptTimeout    how long one attempt waits for a reply before the call is retried (same request id)
 * @param initialBackoff    the wait before the first retry; doubled per retry up to {@code maxBackoff}
 * @param maxBackoff        the longest wait between retries
 * @param requestDurability of synchronous, asynchronous and one-way requests (tickets are always persistent)
 * @param clock             the clock deadlines are computed with
 */
public record RpcClientConfig(String callerId, Path stateDirectory, Duration defaultDeadline, Duration attemptTimeout,
                              Duration initialBackoff, Duration maxBackoff, Durability requestDurability, Clock clock) {

    public static final String CALLER_ID_RULE = "1 to 100 characters of [A-Za-z0-9_-]";
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public RpcClientConfig {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(defaultDeadline, "defaultDeadline");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestDurability, "requestDurability");
        Objects.requireNonNull(clock, "clock");
    }

    public static RpcClientConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link RpcClientConfig}; not thread-safe. */
    public static final class Builder {
        private String callerId;
        private Path stateDirectory = Path.of("parley-state", "rpc");
        private Duration defaultDeadline = DEFAULT_DEADLINE;
        private Duration attemptTimeout = Duration.ofSeconds(5);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Durability requestDurability = Durability.PERSISTENT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder callerId(String callerId) {
            this.callerId = callerId;
            return this;
        }

        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
            return this;
        }

        public Builder defaultDeadline(Duration defaultDeadline) {
            this.defaultDeadline = defaultDeadline;
            return this;
        }

        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder requestDurability(Durability requestDurability) {
            this.requestDurability = requestDurability;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public RpcClientConfig build() {
            if (callerId != null && !callerId.matches("[A-Za-z0-9_-]{1,100}")) {
                throw new IllegalArgumentException("callerId '" + callerId + "' is invalid: allowed are " + CALLER_ID_RULE);
            }
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            positive("defaultDeadline", defaultDeadline);
            positive("attemptTimeout", attemptTimeout);
            positive("initialBackoff", initialBackoff);
            positive("maxBackoff", maxBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff.toMillis() + " ms is below initialBackoff "
                        + initialBackoff.toMillis() + " ms");
            }
            return new RpcClientConfig(callerId, stateDirectory, defaultDeadline, attemptTimeout, initialBackoff, maxBackoff,
                    Objects.requireNonNull(requestDurability, "requestDurability"), Objects.requireNonNull(clock, "clock"));
        }

        private static void positive(String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(key + " " + (value == null ? "null" : value.toMillis() + " ms") + " must be positive");
            }
        }
    }
}
