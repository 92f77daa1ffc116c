package io.parley.broker.artemis;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of an embedded Artemis server. Immutable; build with {@link #builder()}. Every value
 * is validated here, whatever its source (code, CLI flag, config file), and a bad one fails with
 * the key, the value and the allowed range.
 *
 * @param dataDirectory        where the journal, bindings, paging and large-message files live
 * @param host                 the address the multi-protocol acceptor binds to
 * @param advertisedHost       the host put into {@link ArtemisEngine#messagingUrl()} for clients
 * @param messagingPort        the acceptor's TCP port; 0 picks a free port before the server starts
 * @param journalSync          whether a persistent message counts as stored only once the journal
 *                             write is synced to disk (fsync); off trades crash safety for speed
 * @param maxDiskUsagePercent  above this disk usage the server refuses writes
 * @param globalMaxSizeBytes   memory all addresses may hold before the server refuses writes;
 *                             {@link #ARTEMIS_DEFAULT} leaves Artemis's default (half the heap)
 * @param duplicateIdCacheSize how many dedup ids per address duplicate detection remembers
 * @param journalFileSizeBytes the size of one journal file
 * @param journalBufferTimeoutNanos how long the journal gathers writes before one synced flush; the
 *                             floor of every STORED wait. Set it near the disk's synced-write time
 *                             (about 0.7 ms measured on this project's machines); Artemis's own
 *                             default is 3.33 ms
 */
public record ArtemisConfig(Path dataDirectory, String host, String advertisedHost, int messagingPort,
                            boolean journalSync, int maxDiskUsagePercent, long globalMaxSizeBytes,
                            int duplicateIdCacheSize, int journalFileSizeBytes, int journalBufferTimeoutNanos) {

    public static final int DEFAULT_MESSAGING_PORT = 61616;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_ADVERTISED_HOST = "localhost";
    public static final int DEFAULT_MAX_DISK_USAGE_PERCENT = 90;
    public static final long ARTEMIS_DEFAULT = -1;
    public static final int DEFAULT_DUPLICATE_ID_CACHE_SIZE = 20_000;
    public static final int DEFAULT_JOURNAL_FILE_SIZE_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_JOURNAL_BUFFER_TIMEOUT_NANOS = 700_000;

    private static final long MIB = 1024 * 1024;

    public ArtemisConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requireText("host", host);
        requireText("advertisedHost", advertisedHost);
        checkRange("messagingPort", messagingPort, 0, 65_535);
        checkRange("maxDiskUsagePercent", maxDiskUsagePercent, 1, 100);
        if (globalMaxSizeBytes != ARTEMIS_DEFAULT && globalMaxSizeBytes < MIB) {
            throw new IllegalArgumentException("globalMaxSizeBytes " + globalMaxSizeBytes
                    + " is out of range: -1 (Artemis default) or at least " + MIB);
        }
        checkRange("duplicateIdCacheSize", duplicateIdCacheSize, 1, 10_000_000);
        checkRange("journalFileSizeBytes", journalFileSizeBytes, (int) MIB, 1024 * (int) MIB);
        checkRange("journalBufferTimeoutNanos", journalBufferTimeoutNanos, 10_000, 100_000_000);
    }

    /** Defaults everywhere; the data directory must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder()
                .dataDirectory(dataDirectory).host(host).advertisedHost(advertisedHost)
                .messagingPort(messagingPort).journalSync(journalSync)
                .maxDiskUsagePercent(maxDiskUsagePercent).globalMaxSizeBytes(globalMaxSizeBytes)
                .duplicateIdCacheSize(duplicateIdCacheSize).journalFileSizeBytes(journalFileSizeBytes)
                .journalBufferTimeoutNanos(journalBufferTimeoutNanos);
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " '" + value + "' must not be empty");
        }
    }

    private static void checkRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " " + value + " is out of range " + min + ".." + max);
        }
    }

    /** Collects values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private Path dataDirectory;
        private String host = DEFAULT_HOST;
        private String advertisedHost;
        private int messagingPort = DEFAULT_MESSAGING_PORT;
        private boolean journalSync = true;
        private int maxDiskUsagePercent = DEFAULT_MAX_DISK_USAGE_PERCENT;
        private long globalMaxSizeBytes = ARTEMIS_DEFAULT;
        private int duplicateIdCacheSize = DEFAULT_DUPLICATE_ID_CACHE_SIZE;
        private int journalFileSizeBytes = DEFAULT_JOURNAL_FILE_SIZE_BYTES;
        private int journalBufferTimeoutNanos = DEFAULT_JOURNAL_BUFFER_TIMEOUT_NANOS;

        private Builder() {
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Defaults to {@code host}, or {@value #DEFAULT_ADVERTISED_HOST} when it binds every interface. */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        public Builder messagingPort(int messagingPort) {
            this.messagingPort = messagingPort;
            return this;
        }

        public Builder journalSync(boolean journalSync) {
            this.journalSync = journalSync;
            return this;
        }

        public Builder maxDiskUsagePercent(int maxDiskUsagePercent) {
            this.maxDiskUsagePercent = maxDiskUsagePercent;
            return this;
        }

        public Builder globalMaxSizeBytes(long globalMaxSizeBytes) {
            this.globalMaxSizeBytes = globalMaxSizeBytes;
            return this;
        }

        public Builder duplicateIdCacheSize(int duplicateIdCacheSize) {
            this.duplicateIdCacheSize = duplicateIdCacheSize;
            return this;
        }

        public Builder journalBufferTimeoutNanos(int journalBufferTimeoutNanos) {
            this.journalBufferTimeoutNanos = journalBufferTimeoutNanos;
            return this;
        }

        public Builder journalFileSizeBytes(int journalFileSizeBytes) {
            this.journalFileSizeBytes = journalFileSizeBytes;
            return this;
        }

        public ArtemisConfig build() {
            if (dataDirectory == null) {
                throw new IllegalArgumentException("dataDirectory is required: the directory for the journal");
            }
            String advertised = advertisedHost != null ? advertisedHost
                    : "0.0.0.0".equals(host) || "::".equals(host) ? DEFAULT_ADVERTISED_HOST : host;
            return new ArtemisConfig(dataDirectory, host, advertised, messagingPort, journalSync,
                    maxDiskUsagePercent, globalMaxSizeBytes, duplicateIdCacheSize, journalFileSizeBytes, journalBufferTimeoutNanos);
        }
    }
}
