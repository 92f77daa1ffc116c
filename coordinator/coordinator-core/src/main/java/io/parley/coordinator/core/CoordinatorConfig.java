package io.parley.coordinator.core;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of a coordinator, defaults and validation in one place. Immutable; build with {@link #builder()}.
 *
 * @param nodeId           Narayana node identifier and part of the coordinator queue name (1..20 of [A-Za-z0-9_-])
 * @param objectStoreDirectory the file object store (the coordinator's durable log); one per JVM
 * @param jdbcStore        optional: keep the log in PostgreSQL instead (Narayana's JDBC store)
 * @param voteTimeout      how long phase one waits for each vote before deciding abort
 * @param ackTimeout       how long phase two waits for each ACK before leaving the participant to recovery
 * @param recoveryPeriod   how often the recovery manager scans the log
 * @param historySize      finished transactions kept for the admin API
 * @param concurrency      consumer threads on the coordinator queue
 */
public record CoordinatorConfig(String nodeId, Path objectStoreDirectory, Optional<JdbcStore> jdbcStore, Duration voteTimeout,
                                Duration ackTimeout, Duration recoveryPeriod, int historySize, int concurrency) {

    /** PostgreSQL connection for Narayana's JDBC object store. */
    public record JdbcStore(String url, String user, String password) {
        public JdbcStore {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "jdbc store url '" + url + "' must start with jdbc:postgresql:");
            }
        }
    }

    public static final String NODE_ID_RULE = "[A-Za-z0-9_-]{1,20}";
    private static final Pattern NODE_ID = Pattern.compile(NODE_ID_RULE);

    public CoordinatorConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(objectStoreDirectory, "objectStoreDirectory");
        Objects.requireNonNull(jdbcStore, "jdbcStore");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "coordinator nodeId '" + nodeId + "' does not match " + NODE_ID_RULE);
        }
        requireBetween("voteTimeout", voteTimeout, Duration.ofMillis(10), Duration.ofHours(1));
        requireBetween("ackTimeout", ackTimeout, Duration.ofMillis(10), Duration.ofHours(1));
        requireBetween("recoveryPeriod", recoveryPeriod, Duration.ofSeconds(1), Duration.ofHours(1));
        if (historySize < 0 || historySize > 1_000_000) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "historySize " + historySize + " is outside 0..1000000");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "concurrency " + concurrency + " is outside 1..256");
        }
    }

    /** The queue this coordinator receives protocol messages on. */
    public String coordinatorQueue() {
        return "parley.tx.coordinator." + nodeId;
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, key + " " + value.toMillis() + " ms is outside "
                    + min.toMillis() + ".." + max.toMillis() + " ms");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String nodeId = "coordinator";
        private Path objectStoreDirectory = Path.of("data", "tx-object-store");
        private JdbcStore jdbcStore;
        private Duration voteTimeout = Duration.ofSeconds(10);
        private Duration ackTimeout = Duration.ofSeconds(10);
        private Duration recoveryPeriod = Duration.ofSeconds(10);
        private int historySize = 10_000;
        private int concurrency = 16;

        private Builder() {
        }

        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        public Builder objectStoreDirectory(Path objectStoreDirectory) {
            this.objectStoreDirectory = objectStoreDirectory;
            return this;
        }

        public Builder jdbcStore(String url, String user, String password) {
            this.jdbcStore = new JdbcStore(url, user, password);
            return this;
        }

        public Builder voteTimeout(Duration voteTimeout) {
            this.voteTimeout = voteTimeout;
            return this;
        }

        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        public Builder recoveryPeriod(Duration recoveryPeriod) {
            this.recoveryPeriod = recoveryPeriod;
            return this;
        }

        public Builder historySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public CoordinatorConfig build() {
            return new CoordinatorConfig(nodeId, objectStoreDirectory, Optional.ofNullable(jdbcStore), voteTimeout, ackTimeout,
                    recoveryPeriod, historySize, concurrency);
        }
    }
}
