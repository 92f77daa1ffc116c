package io.parley.coordinator.xa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the in-process XA helper. Immutable.
 *
 * @param nodeId               Narayana node identifier; only branches of this node are recovered (1..20 of [A-Za-z0-9_-])
 * @param objectStoreDirectory the transaction log (file store); one per JVM
 * @param recoveryPeriod       how often recovery scans the log and the resources' prepared branches
 * @param orphanSafetyInterval how long a prepared branch without a log entry is left alone before
 *                             recovery rolls it back (it may belong to a transaction still preparing)
 */
public record XaConfig(String nodeId, Path objectStoreDirectory, Duration recoveryPeriod, Duration orphanSafetyInterval) {

    public XaConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(objectStoreDirectory, "objectStoreDirectory");
        if (!nodeId.matches("[A-Za-z0-9_-]{1,20}")) {
            throw new IllegalArgumentException("nodeId '" + nodeId + "' does not match [A-Za-z0-9_-]{1,20}");
        }
        if (recoveryPeriod.compareTo(Duration.ofSeconds(1)) < 0 || recoveryPeriod.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("recoveryPeriod " + recoveryPeriod.toMillis() + " ms is outside 1000..3600000 ms");
        }
        if (orphanSafetyInterval.isNegative() || orphanSafetyInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("orphanSafetyInterval " + orphanSafetyInterval.toMillis() + " ms is outside 0..3600000 ms");
        }
    }

    public static XaConfig of(String nodeId, Path objectStoreDirectory) {
        return new XaConfig(nodeId, objectStoreDirectory, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    public XaConfig withRecoveryPeriod(Duration period) {
        return new XaConfig(nodeId, objectStoreDirectory, period, orphanSafetyInterval);
    }

    public XaConfig withOrphanSafetyInterval(Duration interval) {
        return new XaConfig(nodeId, objectStoreDirectory, recoveryPeriod, interval);
    }
}
