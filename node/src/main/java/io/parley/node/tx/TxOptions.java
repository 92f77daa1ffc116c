package io.parley.node.tx;

import io.parley.coordinator.core.CoordinatorConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The coordinator service's section of a node's configuration. Immutable; the values are checked
 * by {@link CoordinatorConfig} (one place), which names the key, the value and the range.
 *
 * @param nodeId          Narayana node identifier; names the coordinator queue {@code parley.tx.coordinator.<nodeId>}
 * @param voteTimeoutMs   how long phase one waits for each vote
 * @param ackTimeoutMs    how long phase two waits for each ACK before leaving it to recovery
 * @param recoveryPeriodS how often recovery scans the log
 * @param jdbcUrl         optional PostgreSQL for the log (Narayana's JDBC store); null = file store under {@code <data>/tx}
 */
public record TxOptions(String nodeId, long voteTimeoutMs, long ackTimeoutMs, long recoveryPeriodS, String jdbcUrl, String jdbcUser,
                        String jdbcPassword) {

    public static TxOptions defaults() {
        return new TxOptions("node", 10_000, 10_000, 10, null, null, null);
    }

    /** The coordinator's configuration for a node whose data directory is {@code dataDirectory}; fails naming a bad value. */
    public CoordinatorConfig coordinatorConfig(Path dataDirectory) {
        CoordinatorConfig.Builder builder = CoordinatorConfig.builder().nodeId(nodeId)
                .objectStoreDirectory(dataDirectory.resolve("tx").resolve("object-store"))
                .voteTimeout(Duration.ofMillis(voteTimeoutMs)).ackTimeout(Duration.ofMillis(ackTimeoutMs))
                .recoveryPeriod(Duration.ofSeconds(recoveryPeriodS));
        if (jdbcUrl != null) {
            builder.jdbcStore(jdbcUrl, jdbcUser, jdbcPassword);
        }
        return builder.build();
    }
}
