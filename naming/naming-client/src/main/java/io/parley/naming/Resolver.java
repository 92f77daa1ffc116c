package io.parley.naming;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.internal.ExpiringCache;
import io.parley.naming.internal.ExpiringCache.Cached;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The resolver library: resolves names starting from configured root servers (the closure), in
 * iterative mode (it follows the referrals itself) or recursive mode (a root server does), and caches
 * every answer, delegation and absence it learns with its TTL — in front of the servers' own caches.
 * When every server it could ask is unreachable, an answer cached within {@link ResolverConfig#maxStale()}
 * past its TTL is returned marked {@link CacheStatus#STALE}.
 *
 * <p>Writes ({@link #bind}, {@link #unbind}) go to the zone's primary; their version tokens are kept
 * and presented on later reads of names in that zone, so this client reads its own writes from any
 * replica. {@link #watch} learns of changes under a path without waiting for TTLs.
 *
 * <p>Thread-safe. Owns its {@link HttpClient} and the threads of its watches; {@link #close()} ends them.
 */
public final class Resolver implements AutoCloseable {

    private final ResolverConfig config;
    private final HttpClient http;
    private final ExpiringCache<Name, Reply> cache;
    private final Map<Name, VersionToken> tokens = new ConcurrentHashMap<>();
    private final List<Watch> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Resolver(ResolverConfig config) {
        this.config = config;
        this.http = NamingClient.newHttpClient();
        this.cache = new ExpiringCache<>(config.maxCacheEntries(), config.maxStale().toMillis());
    }

    /** A recursive resolver on {@code rootUrls} with the defaults of {@link ResolverConfig}. */
    public static Resolver of(String... rootUrls) {
        return new Resolver(ResolverConfig.builder().roots(rootUrls).build());
    }

    public ResolverConfig config() {
        return config;
    }

    /** Resolves {@code name} in the configured mode; throws {@link NameNotFoundException} if it does not exist. */
    public Answer resolve(String name) {
        return lookup(Name.parse(name), config.mode()).answer();
    }

    /** Resolves {@code name} in {@code mode}, answering the steps taken (the referral chain when iterative). */
    public Resolved lookup(Name name, ResolutionMode mode) {
        long now = config.clock().millis();
        List<VersionToken> minVersions = tokensFor(name);
        Cached<Reply> cached = cache.get(name, now);
        if (cached != null && cached.isFresh(now) && minVersions.isEmpty()) {
            return new Resolved(withRemainingTtl(cached.value(), cached.remainingTtlMs(now)), CacheStatus.HIT, List.of());
        }
        try {
            return mode == ResolutionMode.RECURSIVE ? recursive(name, minVersions) : iterative(name, minVersions);
        } catch (ParleyException e) {
            if (e.isRetriable() && cached != null) {
                return new Resolved(asStale(cached.value()), CacheStatus.STALE, List.of());
            }
            throw e;
        }
    }

    private Resolved recursive(Name name, List<VersionToken> minVersions) {
        ServerReply reply = askAny(config.roots(), name, ResolutionMode.RECURSIVE, minVersions);
        List<ServerReply> steps = new ArrayList<>(List.of(reply));
        if (reply.reply() instanceof ReferralReply referral) {
            // a secondary behind our version token refers us to the zone's primary
            ServerReply next = askAny(referral.referral().servers(), name, ResolutionMode.RECURSIVE, minVersions);
            steps.add(next);
            reply = next;
        }
        remember(reply.reply());
        return new Resolved(reply.reply(), reply.cache(), steps);
    }

    private Resolved iterative(Name name, List<VersionToken> minVersions) {
        long now = config.clock().millis();
        List<String> servers = config.roots();
        for (int depth = name.depth() - 1; depth >= 1 && minVersions.isEmpty(); depth--) {
            Cached<Reply> delegation = cache.getFresh(name.prefix(depth), now);
            if (delegation != null && delegation.value() instanceof Answer answer && answer.record().type() == RecordType.DELEGATION) {
                servers = answer.record().addresses();
                break;
            }
        }
        List<ServerReply> steps = new ArrayList<>();
        for (int hop = 0; hop <= config.maxReferrals(); hop++) {
            ServerReply reply = askAny(servers, name, ResolutionMode.ITERATIVE, minVersions);
            steps.add(reply);
            if (reply.reply() instanceof ReferralReply referralReply) {
                Referral referral = referralReply.referral();
                cache.put(Name.parse(referral.zone()), new Answer(referral.zone(), NameRecord.delegation(referral.ttlMs(),
                        referral.servers()), referral.ttlMs(), referral.zone(), false, false, List.of()),
                        referral.ttlMs(), config.clock().millis(), false);
                servers = referral.servers();
                continue;
            }
            remember(reply.reply());
            return new Resolved(reply.reply(), reply.cache(), steps);
        }
        throw new ParleyException(ErrorCode.INTERNAL, "resolving " + name + " followed more than maxReferrals "
                + config.maxReferrals() + " referrals: " + steps);
    }

    /** Asks each server in turn until one answers; unreachable servers are skipped. */
    private ServerReply askAny(List<String> servers, Name name, ResolutionMode mode, List<VersionToken> minVersions) {
        ParleyException last = null;
        for (String server : servers) {
            try {
                return new NamingClient(http, server, config.requestTimeout()).resolve(name, mode, minVersions);
            } catch (ParleyException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : new ParleyException(ErrorCode.UNAVAILABLE, "no name server to ask for " + name);
    }

    private void remember(Reply reply) {
        long now = config.clock().millis();
        if (reply instanceof Answer answer) {
            for (Entry entry : answer.chain()) {
                cache.put(Name.parse(entry.name()), new Answer(entry.name(), entry.record(), entry.ttlMs(), null, false,
                        false, List.of()), entry.ttlMs(), now, false);
            }
            if (!answer.stale()) {
                cache.put(Name.parse(answer.name()), answer, answer.ttlMs(), now, false);
            }
        } else if (reply instanceof NotFound notFound) {
            for (Entry entry : notFound.chain()) {
                cache.put(Name.parse(entry.name()), new Answer(entry.name(), entry.record(), entry.ttlMs(), null, false,
                        false, List.of()), entry.ttlMs(), now, false);
            }
            cache.put(Name.parse(notFound.name()), notFound, notFound.negativeTtlMs(), now, true);
        }
    }

    private static Reply withRemainingTtl(Reply reply, long ttlMs) {
        if (reply instanceof Answer a) {
            return new Answer(a.name(), a.record(), ttlMs, a.zone(), false, false, List.of());
        }
        if (reply instanceof NotFound n) {
            return NotFound.of(n.name(), n.zone(), ttlMs, n.message(), List.of());
        }
        return reply;
    }

    private static Reply asStale(Reply reply) {
        if (reply instanceof Answer a) {
            return new Answer(a.name(), a.record(), 0, a.zone(), false, true, List.of());
        }
        return reply;
    }

    /** The server authoritative for {@code name}: the first that answers instead of referring, walking down from a root. */
    public String authoritativeServer(Name name) {
        List<String> servers = config.roots();
        for (int hop = 0; hop <= config.maxReferrals(); hop++) {
            ServerReply reply = askAny(servers, name, ResolutionMode.ITERATIVE, List.of());
            if (!(reply.reply() instanceof ReferralReply referral)) {
                return reply.server();
            }
            servers = referral.referral().servers();
        }
        throw new ParleyException(ErrorCode.INTERNAL, "no authoritative server for " + name + " within "
                + config.maxReferrals() + " referrals");
    }

    /** Binds {@code name} at its zone's primary (found from the roots) and keeps the version token. */
    public WriteResult bind(Name name, NameRecord record) {
        return bind(authoritativeServer(name), name, record);
    }

    /** Binds {@code name} through {@code serverUrl} (a secondary forwards the client to the primary). */
    public WriteResult bind(String serverUrl, Name name, NameRecord record) {
        WriteResult result = new NamingClient(http, serverUrl, config.requestTimeout()).bind(name, record);
        keep(result.token());
        cache.remove(name);
        return result;
    }

    /** Removes {@code name} at its zone's primary and keeps the version token. */
    public VersionToken unbind(Name name) {
        return unbind(authoritativeServer(name), name);
    }

    public VersionToken unbind(String serverUrl, Name name) {
        VersionToken token = new NamingClient(http, serverUrl, config.requestTimeout()).unbind(name);
        keep(token);
        cache.remove(name);
        return token;
    }

    private void keep(VersionToken token) {
        tokens.merge(token.zone(), token, (old, fresh) -> fresh.serial() > old.serial() ? fresh : old);
    }

    /** The version tokens this client holds for zones containing {@code name}. */
    List<VersionToken> tokensFor(Name name) {
        List<VersionToken> held = new ArrayList<>();
        tokens.forEach((zone, token) -> {
            if (name.isWithin(zone)) {
                held.add(token);
            }
        });
        return held;
    }

    /** Drops every cached entry (answers, delegations, absences). */
    public void clearCache() {
        cache.clear();
    }

    public int cacheSize() {
        return cache.size();
    }

    /**
     * Watches {@code path} at {@code serverUrl}: a daemon thread long-polls the server, drops changed names
     * from this resolver's cache and hands each change to {@code listener}. Close the watch to stop it.
     */
    public Watch watch(String serverUrl, Name path, Consumer<Change> listener) {
        Watch watch = new Watch(new NamingClient(http, serverUrl, config.requestTimeout()), path, change -> {
            cache.remove(Name.parse(change.name()));
            listener.accept(change);
        }, cache::clear, Duration.ofSeconds(25));
        watches.add(watch);
        watch.start();
        return watch;
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        watches.clear();
    }
}
