package io.parley.rpc;

import io.parley.broker.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The calls a server is running now, and what it knows of callers' epochs and cancellations.
 *
 * <p>Orphans: when a caller's newer epoch is seen (announced on the control topic, or on one of
 * its requests), the running calls of its older epochs whose replies a caller instance awaited
 * (SYNC, ASYNC) are abandoned — their threads interrupted, their replies discarded — and requests
 * of older epochs still queued are dropped when taken. Tickets and one-way calls are not orphans:
 * their outcome has a durable home or was never awaited, so they run to the end.
 *
 * <p>Cancellations are remembered until the request's deadline. Thread-safe.
 */
final class InFlightCalls {

    /** A running call; {@code waiters} are later copies of the same request waiting for its reply. */
    static final class Running {
        final String caller;
        final long epoch;
        final CallMode mode;
        volatile Future<?> future;
        volatile boolean abandoned;
        final List<Waiter> waiters = new ArrayList<>();

        Running(String caller, long epoch, CallMode mode) {
            this.caller = caller;
            this.epoch = epoch;
            this.mode = mode;
        }
    }

    /** A copy of a running request, to be answered when the running one finishes. */
    record Waiter(Destination replyTo, String messageId) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Long> epochs = new ConcurrentHashMap<>();
    private final Map<String, Long> cancelled = new ConcurrentHashMap<>();

    /** Registers a running call; returns the one already running under that key, if any. */
    Running register(String key, Running call) {
        return running.putIfAbsent(key, call);
    }

    /** Adds a waiter to the call running under {@code key}; false if none is running. */
    boolean join(String key, Waiter waiter) {
        Running call = running.get(key);
        if (call == null) {
            return false;
        }
        synchronized (call.waiters) {
            if (running.get(key) != call) {
                return false;
            }
            call.waiters.add(waiter);
            return true;
        }
    }

    /** Removes the finished call and returns its waiters. */
    List<Waiter> finish(String key, Running call) {
        synchronized (call.waiters) {
            running.remove(key, call);
            return List.copyOf(call.waiters);
        }
    }

    /** Records {@code epoch} of {@code caller}; abandons its orphans if it is newer; returns how many were abandoned. */
    int observeEpoch(String caller, long epoch) {
        Long previous = epochs.get(caller);
        if (previous != null && previous >= epoch) {
            return 0;
        }
        epochs.merge(caller, epoch, Math::max);
        int abandoned = 0;
        for (Running call : running.values()) {
            if (call.caller.equals(caller) && call.epoch < epoch && call.mode.awaitedByInstance() && !call.abandoned) {
                call.abandoned = true;
                Future<?> future = call.future;
                if (future != null) {
                    future.cancel(true);
                }
                abandoned++;
            }
        }
        return abandoned;
    }

    /** Whether a request of {@code epoch} from {@code caller} is from an epoch older than the newest seen. */
    boolean isOlderEpoch(String caller, long epoch) {
        Long known = epochs.get(caller);
        return known != null && epoch < known;
    }

    void cancel(String key, long deadlineMs, long nowMs) {
        cancelled.put(key, deadlineMs);
        if (cancelled.size() > 10_000) {
            cancelled.values().removeIf(d -> d < nowMs);
        }
    }

    boolean isCancelled(String key) {
        return cancelled.containsKey(key);
    }

    int running() {
        return running.size();
    }
}
