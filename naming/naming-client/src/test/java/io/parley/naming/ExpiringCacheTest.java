package io.parley.naming;

import io.parley.naming.internal.ExpiringCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringCacheTest {

    @Test
    void shouldServeFreshThenStaleWithinTheBoundThenNothing() {
        ExpiringCache<Name, String> cache = new ExpiringCache<>(10, 5_000);
        Name name = Name.parse("/a");
        cache.put(name, "x", 1_000, 0, false);
        assertThat(cache.getFresh(name, 999)).isNotNull();
        assertThat(cache.getFresh(name, 1_000)).isNull();
        assertThat(cache.get(name, 5_999).isFresh(5_999)).isFalse();
        assertThat(cache.get(name, 6_000)).isNull();
    }

    @Test
    void shouldEvictTheEntriesClosestToExpiryWhenFull() {
        ExpiringCache<Name, String> cache = new ExpiringCache<>(2, 0);
        cache.put(Name.parse("/a"), "a", 100, 0, false);
        cache.put(Name.parse("/b"), "b", 300, 0, false);
        cache.put(Name.parse("/c"), "c", 200, 0, false);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(Name.parse("/a"), 0)).isNull();
        assertThat(cache.get(Name.parse("/b"), 0)).isNotNull();
    }

    @Test
    void shouldNotCacheAZeroTtl() {
        ExpiringCache<Name, String> cache = new ExpiringCache<>(2, 1_000);
        cache.put(Name.parse("/a"), "a", 0, 0, false);
        assertThat(cache.size()).isZero();
    }
}
