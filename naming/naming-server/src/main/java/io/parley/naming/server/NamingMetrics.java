package io.parley.naming.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.naming.CacheStatus;
import io.parley.naming.ResolutionMode;

import java.util.EnumMap;
import java.util.Map;

/**
 * The name server's meters (Prometheus names on a node's {@code /metrics}):
 * {@code parley_naming_resolutions_total{mode, cache}}, {@code parley_naming_writes_total},
 * {@code parley_naming_upstream_queries_total}, {@code parley_naming_coalesced_total},
 * {@code parley_naming_cache_entries}. Thread-safe; the registry is the caller's.
 */
final class NamingMetrics {

    private final Map<ResolutionMode, Map<CacheStatus, Counter>> resolutions = new EnumMap<>(ResolutionMode.class);
    private final Counter writes;

    NamingMetrics(MeterRegistry registry, RecursiveResolver resolver) {
        for (ResolutionMode mode : ResolutionMode.values()) {
            Map<CacheStatus, Counter> byCache = new EnumMap<>(CacheStatus.class);
            for (CacheStatus cache : CacheStatus.values()) {
                byCache.put(cache, Counter.builder("parley.naming.resolutions").description("Resolve requests answered")
                        .tag("mode", mode.wireName()).tag("cache", cache.wireName()).register(registry));
            }
            resolutions.put(mode, byCache);
        }
        writes = Counter.builder("parley.naming.writes").description("Binds and unbinds accepted at a primary").register(registry);
        FunctionCounter.builder("parley.naming.upstream.queries", resolver, RecursiveResolver::upstreamQueries)
                .description("Recursive queries sent to other name servers").register(registry);
        FunctionCounter.builder("parley.naming.coalesced", resolver, RecursiveResolver::coalesced)
                .description("Lookups that waited for an identical upstream query in flight").register(registry);
        Gauge.builder("parley.naming.cache.entries", resolver, r -> r.cache().size())
                .description("Entries in the resolver cache (fresh and stale)").register(registry);
    }

    void resolved(ResolutionMode mode, CacheStatus cache) {
        resolutions.get(mode).get(cache).increment();
    }

    void wrote() {
        writes.increment();
    }
}
