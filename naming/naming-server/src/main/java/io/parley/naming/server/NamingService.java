package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.CacheStatus;
import io.parley.naming.Change;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.NotFound;
import io.parley.naming.Referral;
import io.parley.naming.ReferralReply;
import io.parley.naming.Reply;
import io.parley.naming.ResolutionMode;
import io.parley.naming.VersionToken;
import io.parley.naming.WatchEvents;
import io.parley.naming.WriteResult;
import io.parley.naming.ZoneInfo;
import io.parley.naming.ZoneTransfer;
import io.parley.naming.internal.ExpiringCache;
import io.parley.naming.server.store.StoredZone;
import io.parley.naming.server.store.ZoneStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.glassfish.jersey.server.ResourceConfig;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A name server without its HTTP transport: storage, zones, authoritative answers, writes, recursive
 * resolution with its cache, secondary zone transfers and watches. {@link #register} adds its Jersey
 * resources to an application — the node's, or {@link NamingServer}'s own.
 *
 * <pre>
 *   start: store (Flyway migrate, Hibernate) -> zones loaded -> configured zones ensured -> secondary sync
 *   close: sync -> store
 * </pre>
 *
 * <p>Thread-safe. Owns the store, the sync thread and the upstream {@link HttpClient}; {@link #close()}
 * releases them. The server's own URL is set once its HTTP server listens ({@link #advertise}).
 */
public final class NamingService implements AutoCloseable {

    private final NamingServerConfig config;
    private final ZoneStore store;
    private final Zones zones = new Zones();
    private final Authority authority;
    private final ZoneWriter writer;
    private final RecursiveResolver resolver;
    private final SecondarySync sync;
    private final NamingMetrics metrics;
    private volatile String selfUrl;

    private NamingService(NamingServerConfig config, ZoneStore store, MeterRegistry registry) {
        this.config = config;
        this.store = store;
        for (StoredZone stored : store.loadZones(config.changeLogLimit())) {
            zones.add(new Zone(stored.apex(), ZoneRole.of(stored.role()), stored.primaryUrl(), stored.serial(),
                    stored.negativeTtlMs(), stored.records(), stored.changes(), config.changeLogLimit()));
        }
        for (Name apex : config.zones()) {
            store.ensureZone(apex, ZoneRole.PRIMARY.wireName(), null, config.negativeTtlMs());
            Zone zone = zones.get(apex);
            if (zone == null) {
                zones.add(new Zone(apex, ZoneRole.PRIMARY, null, 0, config.negativeTtlMs(), Map.<Name, NameRecord>of(),
                        List.<Change>of(), config.changeLogLimit()));
            } else {
                zone.reconfigure(ZoneRole.PRIMARY, null, config.negativeTtlMs());
            }
        }
        HttpClient http = NamingClient.newHttpClient();
        this.authority = new Authority(zones);
        this.writer = new ZoneWriter(zones, store, config.changeLogLimit());
        this.resolver = new RecursiveResolver(authority, new ExpiringCache<>(config.maxCacheEntries(),
                config.maxStale().toMillis()), http, config.upstreamTimeout(), config.roots(), config.clock(), this::behind);
        this.metrics = new NamingMetrics(registry, resolver);
        this.sync = new SecondarySync(config.secondaryOf(), zones, store, http, config.upstreamTimeout(),
                config.refreshInterval(), config.changeLogLimit());
    }

    /** Opens storage (migrating its schema), loads the zones and starts copying secondary zones. */
    public static NamingService start(NamingServerConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** As {@link #start(NamingServerConfig)}, with the service's meters in {@code registry} (see {@link NamingMetrics}). */
    public static NamingService start(NamingServerConfig config, MeterRegistry registry) {
        ZoneStore store = ZoneStore.open(config.storage());
        try {
            return new NamingService(config, store, registry);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Adds the naming resources ({@code /v1/names}, {@code /v1/resolve}, {@code /v1/zones}, {@code /v1/watch}, {@code /v1/cache}). */
    public ResourceConfig register(ResourceConfig application) {
        return application.register(new NamesResource(this))
                .register(new ResolveResource(this))
                .register(new ZonesResource(this))
                .register(new WatchResource(this))
                .register(new CacheResource(this))
                .register(new CacheHeaderFilter());
    }

    /** This server's base URL, as written into {@code primary} of the zones it is primary for. */
    public void advertise(String url) {
        this.selfUrl = url;
    }

    public NamingServerConfig config() {
        return config;
    }

    WriteResult bind(Name name, NameRecord record) {
        WriteResult result = writer.bind(name, record);
        metrics.wrote();
        return result;
    }

    VersionToken unbind(Name name) {
        VersionToken token = writer.unbind(name);
        metrics.wrote();
        return token;
    }

    /** One resolution in {@code mode}, honouring read-your-writes {@code tokens}; {@code hops}: servers crossed so far. */
    Outcome resolve(Name name, ResolutionMode mode, List<VersionToken> tokens, int hops) {
        Outcome outcome = mode == ResolutionMode.RECURSIVE ? resolver.resolve(name, tokens, hops) : iterative(name, tokens);
        metrics.resolved(mode, outcome.cache());
        return outcome;
    }

    private Outcome iterative(Name name, List<VersionToken> tokens) {
        Reply behind = behind(name, tokens);
        if (behind != null) {
            return new Outcome(behind, CacheStatus.MISS);
        }
        Reply local = authority.lookup(name);
        if (local != null) {
            return new Outcome(local, CacheStatus.MISS);
        }
        if (!config.roots().isEmpty()) {
            return new Outcome(new ReferralReply(name.toString(), new Referral("/", config.roots(), name.urlPath(), 0)),
                    CacheStatus.MISS);
        }
        return new Outcome(NotFound.of(name.toString(), null, 0, "no zone served here holds " + name
                + " and no root name server is configured", List.of()), CacheStatus.MISS);
    }

    /**
     * Read-your-writes at a secondary: if a token names a zone held here at an older serial, ask for a
     * transfer and wait up to {@code readYourWritesWait}; still behind, refer the client to the primary.
     */
    private Reply behind(Name name, List<VersionToken> tokens) {
        Zone zone = zones.deepest(name);
        if (zone == null || zone.role() != ZoneRole.SECONDARY) {
            return null;
        }
        long wanted = tokens.stream().filter(t -> t.zone().equals(zone.apex())).mapToLong(VersionToken::serial).max().orElse(-1);
        if (wanted <= zone.serial()) {
            return null;
        }
        sync.syncSoon();
        try {
            if (zone.awaitSerial(wanted, config.readYourWritesWait().toMillis())) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ReferralReply(name.toString(), new Referral(zone.apex().toString(), List.of(zone.primaryUrl()),
                name.relativeTo(zone.apex()), 0));
    }

    /** The zones served; a primary zone names this server as its primary ({@code requestBaseUrl} until {@link #advertise} was called). */
    List<ZoneInfo> zones(String requestBaseUrl) {
        String self = selfUrl != null ? selfUrl : requestBaseUrl;
        return zones.all().stream().map(zone -> {
            ZoneInfo info = zone.info();
            return zone.role() == ZoneRole.PRIMARY ? new ZoneInfo(info.zone(), info.role(), info.serial(), self,
                    info.negativeTtlMs(), info.records()) : info;
        }).toList();
    }

    /** A full or incremental transfer of {@code apex} after {@code fromSerial}. */
    ZoneTransfer changes(Name apex, long fromSerial) {
        Zone zone = zone(apex);
        synchronized (zone) {
            List<Change> after = fromSerial <= 0 || fromSerial > zone.serial() ? null : zone.changesAfter(fromSerial);
            if (after == null) {
                return new ZoneTransfer(apex.toString(), zone.serial(), true, zone.negativeTtlMs(), zone.bindings(), List.of());
            }
            return new ZoneTransfer(apex.toString(), zone.serial(), false, zone.negativeTtlMs(), List.of(), after);
        }
    }

    /** The watch state of {@code path}: its zone, changes under it after {@code afterSerial}, and the future of the next change. */
    WatchState watchState(Name path, long afterSerial) {
        Zone zone = zones.deepest(path);
        if (zone == null) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "no zone served here holds " + path + " to watch");
        }
        synchronized (zone) {
            CompletableFuture<Void> next = zone.nextChange();
            if (afterSerial < 0) {
                return new WatchState(new WatchEvents(path.toString(), zone.apex().toString(), zone.serial(), List.of(), false), next);
            }
            List<Change> after = afterSerial > zone.serial() ? null : zone.changesAfter(afterSerial);
            if (after == null) {
                return new WatchState(new WatchEvents(path.toString(), zone.apex().toString(), zone.serial(), List.of(), true), next);
            }
            List<Change> under = after.stream().filter(c -> Name.parse(c.name()).isWithin(path)).toList();
            return new WatchState(new WatchEvents(path.toString(), zone.apex().toString(), zone.serial(), under, false), next);
        }
    }

    /** What a watcher gets now, and when to look again. */
    record WatchState(WatchEvents events, CompletableFuture<Void> nextChange) {
    }

    private Zone zone(Name apex) {
        Zone zone = zones.get(apex);
        if (zone == null) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "zone " + apex + " is not served here; zones served: "
                    + zones.all().stream().map(z -> z.apex().toString()).toList());
        }
        return zone;
    }

    RecursiveResolver resolver() {
        return resolver;
    }

    long nowMs() {
        return config.clock().millis();
    }

    @Override
    public void close() {
        try {
            sync.close();
        } finally {
            store.close();
        }
    }
}
