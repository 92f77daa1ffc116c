package io.parley.naming.server;

import io.parley.naming.Binding;
import io.parley.naming.Change;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.ZoneInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One zone in memory: its apex, role, serial, records and the tail of its change log. Reads (record
 * lookups) are lock-free; changes are applied under the zone's monitor AFTER they are durable in the
 * store, and each change completes the future handed to watchers and wakes read-your-writes waiters.
 *
 * <p>Thread-safe. The single writer per zone is {@link ZoneWriter} (primary) or {@link SecondarySync}
 * (secondary); both hold the monitor across store write and memory update so serials stay in order.
 */
final class Zone {

    private final Name apex;
    private final Map<Name, NameRecord> records = new ConcurrentHashMap<>();
    private final Deque<Change> log = new ArrayDeque<>();
    private final int logLimit;
    private volatile ZoneRole role;
    private volatile String primaryUrl;
    private volatile long serial;
    private volatile long negativeTtlMs;
    private CompletableFuture<Void> nextChange = new CompletableFuture<>();

    Zone(Name apex, ZoneRole role, String primaryUrl, long serial, long negativeTtlMs, Map<Name, NameRecord> records,
         List<Change> log, int logLimit) {
        this.apex = apex;
        this.role = role;
        this.primaryUrl = primaryUrl;
        this.serial = serial;
        this.negativeTtlMs = negativeTtlMs;
        this.logLimit = logLimit;
        this.records.putAll(records);
        this.log.addAll(log);
    }

    Name apex() {
        return apex;
    }

    ZoneRole role() {
        return role;
    }

    String primaryUrl() {
        return primaryUrl;
    }

    long serial() {
        return serial;
    }

    long negativeTtlMs() {
        return negativeTtlMs;
    }

    NameRecord record(Name name) {
        return records.get(name);
    }

    int size() {
        return records.size();
    }

    /** Every binding, sorted by name (a full transfer). */
    List<Binding> bindings() {
        return records.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Binding(e.getKey().toString(), e.getValue())).toList();
    }

    ZoneInfo info() {
        return new ZoneInfo(apex.toString(), role.wireName(), serial, primaryUrl, negativeTtlMs, records.size());
    }

    /** Applies durable changes in serial order and wakes watchers. */
    synchronized void apply(List<Change> changes) {
        for (Change change : changes) {
            Name name = Name.parse(change.name());
            if (Change.PUT.equals(change.op())) {
                records.put(name, change.record());
            } else {
                records.remove(name);
            }
            log.addLast(change);
            serial = change.serial();
        }
        while (log.size() > logLimit) {
            log.removeFirst();
        }
        changed();
    }

    /** Replaces the whole content (a full transfer) and wakes watchers. */
    synchronized void replace(long newSerial, long newNegativeTtlMs, List<Binding> bindings) {
        records.clear();
        for (Binding binding : bindings) {
            records.put(Name.parse(binding.name()), binding.record());
        }
        log.clear();
        serial = newSerial;
        negativeTtlMs = newNegativeTtlMs;
        changed();
    }

    synchronized void reconfigure(ZoneRole newRole, String newPrimaryUrl, long newNegativeTtlMs) {
        role = newRole;
        primaryUrl = newPrimaryUrl;
        negativeTtlMs = newNegativeTtlMs;
    }

    private void changed() {
        CompletableFuture<Void> done = nextChange;
        nextChange = new CompletableFuture<>();
        done.complete(null);
        notifyAll();
    }

    /** The changes after {@code afterSerial}, or null if the log no longer reaches back that far. */
    synchronized List<Change> changesAfter(long afterSerial) {
        if (afterSerial >= serial) {
            return List.of();
        }
        if (log.isEmpty() || log.peekFirst().serial() > afterSerial + 1) {
            return null;
        }
        List<Change> after = new ArrayList<>();
        for (Change change : log) {
            if (change.serial() > afterSerial) {
                after.add(change);
            }
        }
        return after;
    }

    /** Completes at the next change of this zone. */
    synchronized CompletableFuture<Void> nextChange() {
        return nextChange;
    }

    /** Waits up to {@code waitMs} until the serial reaches {@code target}; answers whether it did. */
    synchronized boolean awaitSerial(long target, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (serial < target) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }
}
