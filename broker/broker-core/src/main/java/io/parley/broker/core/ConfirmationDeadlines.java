package io.parley.broker.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails engine confirmations that do not come within one fixed timeout, cheaply enough for every
 * send: a confirmation joins a lock-free queue, and a sweep every {@link #SWEEP} fails the ones past
 * their deadline with a {@link TimeoutException} and drops the ones that completed. Per send that is
 * one enqueue, where {@link CompletableFuture#orTimeout} costs a scheduled task, its cancellation and
 * two heap operations under the scheduler's lock (on the engine's I/O thread, which completes the
 * confirmation). A timeout fires up to one sweep late.
 *
 * <p>Thread-safe; the sweep runs on the broker client's timer, which owns its lifetime.
 */
final class ConfirmationDeadlines {

    static final Duration SWEEP = Duration.ofMillis(100);

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    ConfirmationDeadlines(Duration timeout, ScheduledExecutorService timer) {
        this.timeoutNanos = timeout.toNanos();
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Returns {@code confirmation}, failed with a {@link TimeoutException} if not complete within the timeout. */
    <T> CompletableFuture<T> bound(CompletableFuture<T> confirmation) {
        if (!confirmation.isDone()) {
            pending.add(new Pending(confirmation, System.nanoTime() + timeoutNanos));
        }
        return confirmation;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (next.confirmation.isDone()) {
                it.remove();
            } else if (now - next.deadlineNanos >= 0) {
                it.remove();
                next.confirmation.completeExceptionally(new TimeoutException("no confirmation within " + timeoutNanos / 1_000_000 + " ms"));
            }
        }
    }

    private record Pending(CompletableFuture<?> confirmation, long deadlineNanos) {
    }
}
