package io.parley.naming.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map whose entries expire: fresh until their TTL passes, then stale for at most
 * {@code maxStaleMs} more (served only when the source is unreachable), then gone. Time comes from
 * the caller ({@code nowMs}), so an injected clock drives expiry in tests.
 *
 * <p>Thread-safe (a {@link ConcurrentHashMap}); when full, a put first drops entries past their stale
 * bound, then the entries closest to expiry.
 */
public final class ExpiringCache<K extends Comparable<K>, V> {

    /** A cached value, when it expires, and until when it may still be served stale. */
    public record Cached<V>(V value, long storedAtMs, long expiresAtMs, long staleUntilMs, boolean negative) {

        public boolean isFresh(long nowMs) {
            return nowMs < expiresAtMs;
        }

        public long remainingTtlMs(long nowMs) {
            return Math.max(0, expiresAtMs - nowMs);
        }
    }

    private final ConcurrentHashMap<K, Cached<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxStaleMs;

    public ExpiringCache(int maxEntries, long maxStaleMs) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " must be >= 1");
        }
        if (maxStaleMs < 0) {
            throw new IllegalArgumentException("maxStaleMs " + maxStaleMs + " must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.maxStaleMs = maxStaleMs;
    }

    /** Caches {@code value} for {@code ttlMs} from {@code nowMs}; a TTL of 0 is not cached. */
    public void put(K key, V value, long ttlMs, long nowMs, boolean negative) {
        if (ttlMs <= 0) {
            entries.remove(key);
            return;
        }
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            evict(nowMs);
        }
        long expiresAt = nowMs + ttlMs;
        entries.put(key, new Cached<>(value, nowMs, expiresAt, expiresAt + maxStaleMs, negative));
    }

    /** The entry for {@code key} if fresh or still within its stale bound at {@code nowMs}; null otherwise. */
    public Cached<V> get(K key, long nowMs) {
        Cached<V> cached = entries.get(key);
        if (cached == null) {
            return null;
        }
        if (nowMs >= cached.staleUntilMs()) {
            entries.remove(key, cached);
            return null;
        }
        return cached;
    }

    /** The entry for {@code key} only if fresh. */
    public Cached<V> getFresh(K key, long nowMs) {
        Cached<V> cached = get(key, nowMs);
        return cached != null && cached.isFresh(nowMs) ? cached : null;
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    /** A sorted copy of every entry still within its stale bound. */
    public Map<K, Cached<V>> snapshot(long nowMs) {
        Map<K, Cached<V>> copy = new java.util.TreeMap<>();
        entries.forEach((key, cached) -> {
            if (nowMs < cached.staleUntilMs()) {
                copy.put(key, cached);
            }
        });
        return new LinkedHashMap<>(copy);
    }

    private void evict(long nowMs) {
        for (Iterator<Map.Entry<K, Cached<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (nowMs >= it.next().getValue().staleUntilMs()) {
                it.remove();
            }
        }
        int excess = entries.size() - maxEntries + 1;
        if (excess > 0) {
            entries.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(Cached::expiresAtMs)))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(entries::remove);
        }
    }
}
