package io.parley.rpc;

import io.parley.broker.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * A running call; {@code waiters} are later copies of the same request waiting for its reply.
     * While the method runs, {@link #interrupt()} interrupts the thread running it — and only then,
     * so an interrupt never reaches the thread once it is back in the broker's code (the
     * {@code FutureTask} discipline: the state changes and the interrupt happen under one lock).
     */
    static final class Running {
        final String service;
        final String caller;
        final long epoch;
        final CallMode mode;
        final long deadlineMs;
        volatile boolean abandoned;
        volatile boolean expired;
        volatile boolean drained;
        private Thread runner;
        private boolean finished;
        final List<Waiter> waiters = new ArrayList<>();

        Running(String service, String caller, long epoch, CallMode mode, long deadlineMs) {
            this.service = service;
            this.caller = caller;
            this.epoch = epoch;
            this.mode = mode;
            this.deadlineMs = deadlineMs;
        }

        /** Marks the current thread as running the method; false if the call was abandoned before it started. */
        synchronized boolean start() {
            if (abandoned || finished) {
                return false;
            }
            runner = Thread.currentThread();
            return true;
        }

        /** The method returned or threw: no interrupt reaches the thread from now on; a pending one is cleared. */
        void end() {
            synchronized (this) {
                finished = true;
                runner = null;
            }
            Thread.interrupted();
        }

        synchronized void interrupt() {
            if (runner != null && !finished) {
                runner.interrupt();
            }
        }
    }

    /** A copy of a running request, to be answered when the running one finishes. */
    record Waiter(Destination replyTo, String messageId) {
    }

    static final int MAX_CALLERS = 100_000;

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** The newest epoch seen per caller; the least recently seen callers are forgotten beyond {@value #MAX_CALLERS}. */
    private final Map<String, Long> epochs = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_CALLERS;
        }
    });
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
                call.interrupt();
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

    /** Interrupts the calls running past their deadlines; called periodically by the server's timer. */
    void interruptExpired(long nowMs) {
        for (Running call : running.values()) {
            if (nowMs >= call.deadlineMs && !call.expired) {
                call.expired = true;
                call.interrupt();
            }
        }
    }

    /** Interrupts the calls of {@code service} still running when its drain time is up. */
    void interruptService(String service) {
        for (Running call : running.values()) {
            if (call.service.equals(service)) {
                call.drained = true;
                call.interrupt();
            }
        }
    }
}
