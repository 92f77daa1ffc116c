package io.parley.naming;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of a {@link Resolver}: the root servers to start from (the closure), the mode, the
 * request timeout, the cache bound, how long past its TTL an entry may be served when every server is
 * unreachable, the most referrals one iterative lookup follows, and the clock. Immutable; validated in
 * {@link Builder#build()}, which names the key, the value and the rule.
 */
public record ResolverConfig(List<String> roots, ResolutionMode mode, Duration requestTimeout, int maxCacheEntries,
                             Duration maxStale, int maxReferrals, Clock clock) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ResolverConfig}; defaults: recursive, 10 s timeout, 10,000 entries, 5 min stale, 16 referrals, UTC system clock. */
    public static final class Builder {
        private final List<String> roots = new ArrayList<>();
        private ResolutionMode mode = ResolutionMode.RECURSIVE;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxCacheEntries = 10_000;
        private Duration maxStale = Duration.ofMinutes(5);
        private int maxReferrals = 16;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds root name servers ({@code http://host:port}), asked in order. */
        public Builder roots(String... urls) {
            roots.addAll(List.of(urls));
            return this;
        }

        public Builder roots(List<String> urls) {
            roots.addAll(urls);
            return this;
        }

        public Builder mode(ResolutionMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxCacheEntries(int maxCacheEntries) {
            this.maxCacheEntries = maxCacheEntries;
            return this;
        }

        public Builder maxStale(Duration maxStale) {
            this.maxStale = maxStale;
            return this;
        }

        public Builder maxReferrals(int maxReferrals) {
            this.maxReferrals = maxReferrals;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ResolverConfig build() {
            if (roots.isEmpty()) {
                throw new InvalidNameException("roots is empty; a resolver needs at least one root name server URL (http://host:port)");
            }
            for (String root : roots) {
                checkUrl("roots", root);
            }
            if (mode == null) {
                throw new InvalidNameException("mode is null; it must be iterative or recursive");
            }
            if (requestTimeout == null || requestTimeout.toMillis() < 1 || requestTimeout.toMinutes() > 10) {
                throw new InvalidNameException("requestTimeout " + requestTimeout + " is outside 1 ms..10 min");
            }
            if (maxCacheEntries < 1 || maxCacheEntries > 10_000_000) {
                throw new InvalidNameException("maxCacheEntries " + maxCacheEntries + " is outside 1..10000000");
            }
            if (maxStale == null || maxStale.isNegative() || maxStale.toDays() > 7) {
                throw new InvalidNameException("maxStale " + maxStale + " is outside 0..7 days");
            }
            if (maxReferrals < 1 || maxReferrals > 64) {
                throw new InvalidNameException("maxReferrals " + maxReferrals + " is outside 1..64");
            }
            if (clock == null) {
                throw new InvalidNameException("clock is null");
            }
            return new ResolverConfig(List.copyOf(roots), mode, requestTimeout, maxCacheEntries, maxStale, maxReferrals, clock);
        }
    }

    static void checkUrl(String key, String url) {
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidNameException(key + " value '" + url + "' is no name server URL; the rule is http(s)://host:port");
    }
}
