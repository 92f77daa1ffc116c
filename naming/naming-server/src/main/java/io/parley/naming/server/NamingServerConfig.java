package io.parley.naming.server;

import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.server.store.StorageConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Configuration of a name server: the zones it is primary for, the root servers it asks about names
 * outside its zones, the primaries it copies zones from (secondary), the negative TTL of its zones,
 * storage, cache bounds, replication timing, and the clock TTLs are measured on. Immutable; validated
 * in {@link Builder#build()}, which names the key, the value and the allowed range.
 */
public record NamingServerConfig(List<Name> zones, List<String> roots, List<String> secondaryOf, long negativeTtlMs,
                                 StorageConfig storage, int maxCacheEntries, Duration maxStale,
                                 Duration refreshInterval, Duration readYourWritesWait, int changeLogLimit,
                                 Duration upstreamTimeout, Clock clock) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NamingServerConfig}. Defaults: no zones (the root zone {@code /} if neither zones, roots nor primaries are given). */
    public static final class Builder {
        private final List<String> zones = new ArrayList<>();
        private final List<String> roots = new ArrayList<>();
        private final List<String> secondaryOf = new ArrayList<>();
        private long negativeTtlMs = 30_000;
        private StorageConfig storage;
        private Path dataDirectory;
        private int maxCacheEntries = 100_000;
        private Duration maxStale = Duration.ofMinutes(10);
        private Duration refreshInterval = Duration.ofSeconds(1);
        private Duration readYourWritesWait = Duration.ofSeconds(2);
        private int changeLogLimit = 10_000;
        private Duration upstreamTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A zone this server is primary for ({@code /}, {@code /nl}, ...). */
        public Builder zone(String apex) {
            zones.add(apex);
            return this;
        }

        public Builder zones(List<String> apexes) {
            zones.addAll(apexes);
            return this;
        }

        /** A root name server asked about names outside this server's zones. */
        public Builder root(String url) {
            roots.add(url);
            return this;
        }

        public Builder roots(List<String> urls) {
            roots.addAll(urls);
            return this;
        }

        /** A primary whose zones this server copies as a secondary. */
        public Builder secondaryOf(String primaryUrl) {
            secondaryOf.add(primaryUrl);
            return this;
        }

        public Builder secondaryOf(List<String> primaryUrls) {
            secondaryOf.addAll(primaryUrls);
            return this;
        }

        public Builder negativeTtlMs(long negativeTtlMs) {
            this.negativeTtlMs = negativeTtlMs;
            return this;
        }

        /** Storage; by default an H2 file database under {@link #dataDirectory}. */
        public Builder storage(StorageConfig storage) {
            this.storage = storage;
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder maxCacheEntries(int maxCacheEntries) {
            this.maxCacheEntries = maxCacheEntries;
            return this;
        }

        /** How long past its TTL a cached answer may be served (marked stale) while upstream servers are unreachable. */
        public Builder maxStale(Duration maxStale) {
            this.maxStale = maxStale;
            return this;
        }

        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
            return this;
        }

        public Builder readYourWritesWait(Duration readYourWritesWait) {
            this.readYourWritesWait = readYourWritesWait;
            return this;
        }

        public Builder changeLogLimit(int changeLogLimit) {
            this.changeLogLimit = changeLogLimit;
            return this;
        }

        public Builder upstreamTimeout(Duration upstreamTimeout) {
            this.upstreamTimeout = upstreamTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public NamingServerConfig build() {
            LinkedHashSet<Name> apexes = new LinkedHashSet<>();
            for (String zone : zones) {
                try {
                    apexes.add(Name.parse(zone));
                } catch (InvalidNameException e) {
                    throw new InvalidNameException("zone: " + e.getMessage());
                }
            }
            if (apexes.isEmpty() && roots.isEmpty() && secondaryOf.isEmpty()) {
                apexes.add(Name.ROOT);
            }
            roots.forEach(url -> checkUrl("root", url));
            secondaryOf.forEach(url -> checkUrl("secondary-of", url));
            check("negativeTtlMs", negativeTtlMs, 0, 86_400_000);
            check("maxCacheEntries", maxCacheEntries, 1, 10_000_000);
            check("changeLogLimit", changeLogLimit, 1, 1_000_000);
            checkDuration("maxStale", maxStale, Duration.ZERO, Duration.ofDays(7));
            checkDuration("refreshInterval", refreshInterval, Duration.ofMillis(10), Duration.ofHours(24));
            checkDuration("readYourWritesWait", readYourWritesWait, Duration.ZERO, Duration.ofMinutes(1));
            checkDuration("upstreamTimeout", upstreamTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
            if (clock == null) {
                throw new InvalidNameException("clock is null");
            }
            StorageConfig chosen = storage;
            if (chosen == null) {
                if (dataDirectory == null) {
                    throw new InvalidNameException("naming storage is not set: give a dataDirectory (embedded H2) or a StorageConfig");
                }
                chosen = StorageConfig.embedded(dataDirectory);
            }
            return new NamingServerConfig(List.copyOf(apexes), List.copyOf(roots), List.copyOf(secondaryOf), negativeTtlMs,
                    chosen, maxCacheEntries, maxStale, refreshInterval, readYourWritesWait, changeLogLimit, upstreamTimeout, clock);
        }

        private static void check(String key, long value, long min, long max) {
            if (value < min || value > max) {
                throw new InvalidNameException(key + " " + value + " is outside " + min + ".." + max);
            }
        }

        private static void checkDuration(String key, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidNameException(key + " " + value + " is outside " + min + ".." + max);
            }
        }

        private static void checkUrl(String key, String url) {
            try {
                URI uri = URI.create(url);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw new InvalidNameException(key + " '" + url + "' is no name server URL; the rule is http(s)://host:port");
        }
    }
}
