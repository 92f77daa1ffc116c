package io.parley.naming.server;

import io.parley.common.ParleyException;
import io.parley.naming.Name;
import io.parley.naming.NamingClient;
import io.parley.naming.ZoneInfo;
import io.parley.naming.ZoneTransfer;
import io.parley.naming.server.store.ZoneStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps secondary zones in step with their primaries by serial. Every refresh interval, and at once
 * when a reader presents a version token this server has not reached, it asks each primary for its
 * zones ({@code GET /v1/zones}) — every zone the primary is primary for becomes a secondary here — and
 * then for the changes after the local serial ({@code GET /v1/zones/{zone}/changes?fromSerial=N}): an
 * incremental transfer is appended, a full one replaces the zone. Store first, then memory.
 *
 * <pre>
 *   secondary (serial 5)  -- changes?fromSerial=5 -->  primary (serial 7, log 3..7)
 *                         <-- {full:false, changes:[6, 7]}
 *   secondary (serial 0)  -- changes?fromSerial=0 -->  primary
 *                         <-- {full:true, serial:7, records:[...]}
 * </pre>
 *
 * <p>Threading: one daemon thread owned by this class does every transfer, so transfers of a zone never
 * overlap. An unreachable primary is retried next interval; the secondary keeps answering from what it has.
 */
final class SecondarySync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecondarySync.class);

    private final List<String> primaries;
    private final Zones zones;
    private final ZoneStore store;
    private final HttpClient http;
    private final Duration timeout;
    private final int changeLogLimit;
    private final ScheduledExecutorService thread;
    private final Map<String, Boolean> unreachable = new ConcurrentHashMap<>();
    private final AtomicBoolean requested = new AtomicBoolean();

    SecondarySync(List<String> primaries, Zones zones, ZoneStore store, HttpClient http, Duration timeout,
                  Duration refreshInterval, int changeLogLimit) {
        this.primaries = primaries;
        this.zones = zones;
        this.store = store;
        this.http = http;
        this.timeout = timeout;
        this.changeLogLimit = changeLogLimit;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "naming-secondary-sync");
            t.setDaemon(true);
            return t;
        });
        if (!primaries.isEmpty()) {
            thread.scheduleWithFixedDelay(this::syncAll, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for a transfer now (a reader presented a newer version token). */
    void syncSoon() {
        // many readers behind the same serial ask for one transfer, not one each
        if (!primaries.isEmpty() && requested.compareAndSet(false, true)) {
            thread.execute(() -> {
                requested.set(false);
                syncAll();
            });
        }
    }

    private void syncAll() {
        for (String primary : primaries) {
            try {
                NamingClient client = new NamingClient(http, primary, timeout);
                for (ZoneInfo info : client.zones()) {
                    if (ZoneRole.PRIMARY.wireName().equals(info.role())) {
                        sync(client, Name.parse(info.zone()), info.primary() != null ? info.primary() : primary);
                    }
                }
                if (unreachable.remove(primary) != null) {
                    LOG.info("primary {} reachable again", primary);
                }
            } catch (ParleyException e) {
                if (unreachable.put(primary, Boolean.TRUE) == null) {
                    LOG.warn("zone transfer from primary {} failed (retrying every interval): {}", primary, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("zone transfer from primary {} failed unexpectedly", primary, e);
            }
        }
    }

    /** Copies one zone from {@code client}'s server; {@code primary} is the URL readers are referred to. */
    private void sync(NamingClient client, Name apex, String primary) {
        Zone zone = zones.get(apex);
        if (zone == null) {
            store.ensureZone(apex, ZoneRole.SECONDARY.wireName(), primary, 0);
            zone = new Zone(apex, ZoneRole.SECONDARY, primary, 0, 0, Map.of(), List.of(), changeLogLimit);
            zones.add(zone);
        } else if (zone.role() != ZoneRole.SECONDARY) {
            return;
        }
        ZoneTransfer transfer = client.changes(apex, zone.serial());
        synchronized (zone) {
            if (transfer.full()) {
                if (transfer.serial() != zone.serial() || zone.serial() == 0) {
                    store.replace(apex, transfer.serial(), transfer.negativeTtlMs(), transfer.records());
                    zone.replace(transfer.serial(), transfer.negativeTtlMs(), transfer.records());
                    LOG.debug("zone {} full transfer from {} at serial {}", apex, primary, transfer.serial());
                }
            } else if (!transfer.changes().isEmpty()) {
                store.append(apex, transfer.changes(), changeLogLimit);
                zone.apply(transfer.changes());
                LOG.debug("zone {} incremental transfer from {} to serial {}", apex, primary, zone.serial());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
