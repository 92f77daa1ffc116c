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
 * request: a bounded future joins a lock-free queue, and a sweep every {@link #SWEEP} fails the ones
 * past their deadline with a {@link TimeoutException} and drops the ones that completed. Per future
 * that is one enqueue, where {@link CompletableFuture#orTimeout} costs a scheduled task, its
 * cancellation, two heap operations under the scheduler's lock and, when the new task is the
 * earliest (always, one call at a time), a wake-up of the scheduler's thread. A timeout fires up to
 * one sweep late.
 *
 * <p>Thread-safe; the sweep runs on the broker client's timer, which owns its lifetime.
 */
final class Deadlines {

    static final Duration SWEEP = Duration.ofMillis(20);

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    Deadlines(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns {@code future}, failed with a {@link TimeoutException} if not complete within {@code timeoutNanos}. */
    <T> CompletableFuture<T> bound(CompletableFuture<T> future, long timeoutNanos) {
        if (!future.isDone()) {
            pending.add(new Pending(future, System.nanoTime() + timeoutNanos, timeoutNanos));
        }
        return future;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (next.future.isDone()) {
                it.remove();
            } else if (now - next.deadlineNanos >= 0) {
                it.remove();
                next.future.completeExceptionally(new TimeoutException("not complete within " + next.timeoutNanos / 1_000_000 + " ms"));
            }
        }
    }

    private record Pending(CompletableFuture<?> future, long deadlineNanos, long timeoutNanos) {
    }
}
