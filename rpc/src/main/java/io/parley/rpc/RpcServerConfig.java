package io.parley.rpc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link RpcServer}. Immutable; {@link #builder()} validates every value in one
 * place and names the key, the value and the rule on failure.
 *
 * @param stateDirectory     where the durable executed-request table lives (one server per directory)
 * @param workers            threads running methods, per exported service; also how many requests
 *                           the service's consumer takes at once
 * @param executedRetention  how long executed at-most-once requests are remembered; also the
 *                           longest deadline an at-most-once request may have
 * @param executedMaxEntries how many executed requests are remembered at most
 * @param drainTimeout       how long {@link RpcServer#close()} waits for calls in progress
 * @param clock              the clock deadlines and retention are measured with
 */
public record RpcServerConfig(Path stateDirectory, int workers, Duration executedRetention, int executedMaxEntries,
                              Duration drainTimeout, Clock clock) {

    public RpcServerConfig {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(executedRetention, "executedRetention");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(clock, "clock");
    }

    public static RpcServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link RpcServerConfig}; not thread-safe. */
    public static final class Builder {
        private Path stateDirectory = Path.of("parley-state", "rpc-server");
        private int workers = 8;
        private Duration executedRetention = Duration.ofMinutes(10);
        private int executedMaxEntries = 100_000;
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder executedRetention(Duration executedRetention) {
            this.executedRetention = executedRetention;
            return this;
        }

        public Builder executedMaxEntries(int executedMaxEntries) {
            this.executedMaxEntries = executedMaxEntries;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public RpcServerConfig build() {
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("workers " + workers + " is out of range 1..256");
            }
            if (executedRetention == null || executedRetention.compareTo(Duration.ofSeconds(1)) < 0
                    || executedRetention.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("executedRetention " + (executedRetention == null ? null : executedRetention.toMillis() + " ms")
                        + " is out of range 1 s..7 days");
            }
            if (executedMaxEntries < 10 || executedMaxEntries > 10_000_000) {
                throw new IllegalArgumentException("executedMaxEntries " + executedMaxEntries + " is out of range 10..10000000");
            }
            if (drainTimeout == null || drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout " + drainTimeout + " must be zero or positive");
            }
            return new RpcServerConfig(stateDirectory, workers, executedRetention, executedMaxEntries, drainTimeout,
                    Objects.requireNonNull(clock, "clock"));
        }
    }
}
