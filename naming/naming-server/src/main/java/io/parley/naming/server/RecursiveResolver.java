package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.Answer;
import io.parley.naming.CacheStatus;
import io.parley.naming.Entry;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.NamingHeaders;
import io.parley.naming.NotFound;
import io.parley.naming.RecordType;
import io.parley.naming.Referral;
import io.parley.naming.ReferralReply;
import io.parley.naming.Reply;
import io.parley.naming.ResolutionMode;
import io.parley.naming.ServerReply;
import io.parley.naming.VersionToken;
import io.parley.naming.internal.ExpiringCache;
import io.parley.naming.internal.ExpiringCache.Cached;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Recursive resolution at a server: it follows the referrals of its own zones by asking the next
 * server — recursively, so that server recurses in turn — and caches what it learns on the way back.
 *
 * <pre>
 *   resolve /nl/vu/cs/ftp at root (cold):
 *     root: own zone refers to /nl      --recursive-->  nl: own zone refers to /nl/vu  --> vu: refers to /nl/vu/cs --> cs: answer
 *     cs returns  ftp                              (authoritative, caches nothing)
 *     vu caches   /nl/vu/cs, ftp                    returns chain [/nl/vu/cs] + ftp
 *     nl caches   /nl/vu, /nl/vu/cs, ftp            returns chain [/nl/vu, /nl/vu/cs] + ftp
 *     root caches /nl, /nl/vu, /nl/vu/cs, ftp
 * </pre>
 *
 * (the caching table of recursive name resolution: each server caches every intermediate answer it
 * returns). Positive answers are cached for their TTL, absences for the zone's negative TTL. A later
 * lookup below a cached delegation starts at that delegation's servers. Concurrent identical upstream
 * queries are coalesced into one; when every upstream server fails, an expired entry still within
 * {@code maxStale} is served marked stale.
 *
 * <p>Thread-safe. Owns its cache; the {@link HttpClient} is shared and owned by the service.
 */
final class RecursiveResolver {

    private final Authority authority;
    private final ExpiringCache<Name, Reply> cache;
    private final Map<String, CompletableFuture<Reply>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder upstreamQueries = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final HttpClient http;
    private final Duration upstreamTimeout;
    private final List<String> roots;
    private final Clock clock;
    private final BiFunction<Name, List<VersionToken>, Reply> readYourWrites;

    RecursiveResolver(Authority authority, ExpiringCache<Name, Reply> cache, HttpClient http, Duration upstreamTimeout,
                      List<String> roots, Clock clock, BiFunction<Name, List<VersionToken>, Reply> readYourWrites) {
        this.authority = authority;
        this.cache = cache;
        this.http = http;
        this.upstreamTimeout = upstreamTimeout;
        this.roots = roots;
        this.clock = clock;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Resolves {@code name}; {@code tokens} (read-your-writes) bypass the cache and travel upstream.
     * {@code readYourWrites} answers a referral to a primary when a local secondary cannot catch up.
     */
    Outcome resolve(Name name, List<VersionToken> tokens, int hops) {
        long now = clock.millis();
        if (!tokens.isEmpty()) {
            Reply behind = readYourWrites.apply(name, tokens);
            if (behind != null) {
                return new Outcome(behind, CacheStatus.MISS);
            }
        }
        // this server's own zones first: an authoritative answer is never shadowed by a cached copy
        Reply local = authority.lookup(name);
        if (local != null && !(local instanceof ReferralReply)) {
            return new Outcome(local, CacheStatus.MISS);
        }
        if (tokens.isEmpty()) {
            Cached<Reply> cached = cache.getFresh(name, now);
            if (cached != null) {
                return new Outcome(withTtl(cached.value(), cached.remainingTtlMs(now), false), CacheStatus.HIT);
            }
        }
        Referral referral;
        if (local instanceof ReferralReply referralReply) {
            referral = referralReply.referral();
        } else if (!roots.isEmpty()) {
            referral = new Referral("/", roots, name.urlPath(), 0);
        } else {
            return new Outcome(NotFound.of(name.toString(), null, 0, "no zone served here holds " + name
                    + " and no root name server is configured", List.of()), CacheStatus.MISS);
        }
        Entry start = referral.ttlMs() > 0 ? new Entry(referral.zone(), NameRecord.delegation(referral.ttlMs(),
                referral.servers()), referral.ttlMs()) : null;
        List<String> servers = referral.servers();
        if (tokens.isEmpty()) {
            Name zone = Name.parse(referral.zone());
            for (int depth = name.depth() - 1; depth > zone.depth(); depth--) {
                Cached<Reply> delegation = cache.getFresh(name.prefix(depth), now);
                if (delegation != null && delegation.value() instanceof Answer answer
                        && answer.record().type() == RecordType.DELEGATION) {
                    servers = answer.record().addresses();
                    start = new Entry(answer.name(), answer.record(), delegation.remainingTtlMs(now));
                    break;
                }
            }
        }
        try {
            if (hops >= NamingHeaders.MAX_HOPS) {
                throw new ParleyException(ErrorCode.INTERNAL, "resolving " + name + " crossed " + hops + " name servers (limit "
                        + NamingHeaders.MAX_HOPS + "): a loop of delegations or --root settings?");
            }
            Reply upstream = coalesced(name, tokens, servers, hops + 1);
            return new Outcome(learn(name, start, upstream), CacheStatus.MISS);
        } catch (ParleyException e) {
            if (!e.isRetriable()) {
                throw e;
            }
            Cached<Reply> stale = cache.get(name, clock.millis());
            if (stale != null) {
                return new Outcome(withTtl(stale.value(), 0, true), CacheStatus.STALE);
            }
            throw new ParleyException(e.code(), "resolving " + name + ": " + e.getMessage() + " (nothing cached to serve stale)", e);
        }
    }

    private Reply coalesced(Name name, List<VersionToken> tokens, List<String> servers, int hops) {
        // the hop count is part of the key: a request looping back must not wait for itself
        String key = name + "|" + VersionToken.format(tokens) + "|" + hops;
        CompletableFuture<Reply> mine = new CompletableFuture<>();
        CompletableFuture<Reply> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            coalesced.increment();
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof ParleyException p ? p
                        : new ParleyException(ErrorCode.INTERNAL, "resolving " + name + " failed: " + e.getCause(), e.getCause());
            }
        }
        try {
            Reply reply = askUpstream(name, tokens, servers, hops);
            mine.complete(reply);
            return reply;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Reply askUpstream(Name name, List<VersionToken> tokens, List<String> servers, int hops) {
        ParleyException last = null;
        for (String server : servers) {
            upstreamQueries.increment();
            try {
                ServerReply reply = new NamingClient(http, server, upstreamTimeout).resolve(name, ResolutionMode.RECURSIVE, tokens, hops);
                if (reply.reply() instanceof ReferralReply referral && !tokens.isEmpty()) {
                    // a secondary behind the client's token referred to its primary: ask there
                    return askUpstream(name, tokens, referral.referral().servers(), hops);
                }
                return reply.reply();
            } catch (ParleyException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : new ParleyException(ErrorCode.UNAVAILABLE, "no upstream server for " + name);
    }

    /** Caches the upstream reply and its chain, prefixed with the delegation this server started from. */
    private Reply learn(Name name, Entry start, Reply upstream) {
        long now = clock.millis();
        List<Entry> chain = new ArrayList<>();
        if (start != null) {
            chain.add(start);
        }
        if (upstream instanceof Answer answer) {
            chain.addAll(answer.chain());
        } else if (upstream instanceof NotFound notFound) {
            chain.addAll(notFound.chain());
        }
        for (Entry entry : chain) {
            cache.put(Name.parse(entry.name()), new Answer(entry.name(), entry.record(), entry.ttlMs(), null, false, false,
                    List.of()), entry.ttlMs(), now, false);
        }
        if (upstream instanceof Answer answer) {
            if (!answer.stale()) {
                cache.put(name, new Answer(answer.name(), answer.record(), answer.ttlMs(), answer.zone(), false, false,
                        List.of()), answer.ttlMs(), now, false);
            }
            return new Answer(answer.name(), answer.record(), answer.ttlMs(), answer.zone(), false, answer.stale(), chain);
        }
        if (upstream instanceof NotFound notFound) {
            cache.put(name, NotFound.of(notFound.name(), notFound.zone(), notFound.negativeTtlMs(), notFound.message(),
                    List.of()), notFound.negativeTtlMs(), now, true);
            return NotFound.of(notFound.name(), notFound.zone(), notFound.negativeTtlMs(), notFound.message(), chain);
        }
        return upstream;
    }

    private static Reply withTtl(Reply reply, long ttlMs, boolean stale) {
        if (reply instanceof Answer a) {
            return new Answer(a.name(), a.record(), ttlMs, a.zone(), false, stale, List.of());
        }
        if (reply instanceof NotFound n) {
            return NotFound.of(n.name(), n.zone(), ttlMs, n.message(), List.of());
        }
        return reply;
    }

    /** Lookups that waited for an identical upstream query already in flight instead of sending their own. */
    long coalesced() {
        return coalesced.sum();
    }

    long upstreamQueries() {
        return upstreamQueries.sum();
    }

    ExpiringCache<Name, Reply> cache() {
        return cache;
    }
}
