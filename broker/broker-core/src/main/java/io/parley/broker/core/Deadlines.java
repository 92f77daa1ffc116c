package io.parley.broker.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails futures that do not complete within their timeout, cheaply enough for every send and every
 * request: a bounded future joins a lock-free queue, and a sweep every {@link #SWEEP} drops the
 * completed ones and fails the ones past their deadline with a {@link TimeoutException}. Per future
 * that is one enqueue, where {@link CompletableFuture#orTimeout} costs a scheduled task, its
 * cancellation, two heap operations under the scheduler's lock and, when the new task is the
 * earliest (always, one call at a time), a wake-up of the scheduler's thread.
 *
 * <p>Futures mostly complete in the order they were bounded and mostly share their timeout, so a
 * sweep works from the head of the queue and stops at the first future still running within its
 * deadline; every {@link #FULL_SWEEP_EVERY}th sweep walks the whole queue, for a short timeout
 * queued behind a longer one and for futures completed out of order. A timeout therefore fires up
 * to one sweep late, or up to {@code FULL_SWEEP_EVERY} sweeps late when a longer-running future was
 * bounded before it.
 *
 * <p>Thread-safe; the sweep runs on the broker client's timer, which owns its lifetime.
 */
final class Deadlines {

    static final Duration SWEEP = Duration.ofMillis(20);
    static final int FULL_SWEEP_EVERY = 5;

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Sweeps so far; touched by the timer thread alone. */
    private long sweeps;

    /** Sweeps every {@link #SWEEP} on {@code timer}. */
    Deadlines(ScheduledExecutorService timer) {
        this();
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sweeps only when {@link #sweep()} is called (tests). */
    Deadlines() {
    }

    /** Returns {@code future}, failed with a {@link TimeoutException} if not complete within {@code timeoutNanos}. */
    <T> CompletableFuture<T> bound(CompletableFuture<T> future, long timeoutNanos) {
        if (!future.isDone()) {
            pending.add(new Pending(future, System.nanoTime() + timeoutNanos, timeoutNanos));
        }
        return future;
    }

    void sweep() {
        long now = System.nanoTime();
        if (++sweeps % FULL_SWEEP_EVERY == 0) {
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                if (settled(it.next(), now)) {
                    it.remove();
                }
            }
            return;
        }
        // only this thread removes, so the head stays put between peek and poll
        Pending head;
        while ((head = pending.peek()) != null && settled(head, now)) {
            pending.poll();
        }
    }

    /** Whether {@code entry} is done with: its future completed, or failed here now for its deadline. */
    private static boolean settled(Pending entry, long now) {
        if (entry.future.isDone()) {
            return true;
        }
        if (now - entry.deadlineNanos < 0) {
            return false;
        }
        entry.future.completeExceptionally(new TimeoutException("not complete within " + entry.timeoutNanos / 1_000_000 + " ms"));
        return true;
    }

    /** Futures bounded and not yet dropped by a sweep. */
    int size() {
        return pending.size();
    }

    private record Pending(CompletableFuture<?> future, long deadlineNanos, long timeoutNanos) {
    }
}
