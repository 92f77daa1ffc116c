package io.parley.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on sends awaiting completion in a pipelined run, and what the completions tell: each
 * send's time from start to completion, and when the last one completed.
 *
 * <p>{@link #open()} is called by the producer thread; {@link #completed} and {@link #failed} by
 * whatever client thread completes a send.
 */
final class SendWindow {

    private final int size;
    private final Semaphore free;
    private final Histogram latencyNanos = new ConcurrentHistogram(3);
    private final AtomicLong lastCompletionNanos = new AtomicLong();
    private final Arrivals arrivals;

    SendWindow(int size, Arrivals arrivals) {
        this.size = size;
        this.free = new Semaphore(size);
        this.arrivals = arrivals;
    }

    /** Waits for a free place in the window; returns the send's start time ({@link System#nanoTime()}). */
    long open() throws InterruptedException {
        free.acquire();
        return System.nanoTime();
    }

    /** The send started at {@code sendStartNanos} completed now. */
    void completed(long sendStartNanos) {
        long now = System.nanoTime();
        latencyNanos.recordValue(now - sendStartNanos);
        lastCompletionNanos.accumulateAndGet(now, Math::max);
        free.release();
    }

    /** A send failed: the run fails with {@code cause}. */
    void failed(Throwable cause) {
        arrivals.failed(cause);
        free.release();
    }

    /** Waits until every send completed; afterwards {@link #latencyNanos()} holds them all. */
    void awaitAll(String what, Duration limit) throws InterruptedException {
        if (!free.tryAcquire(size, limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + ": " + (size - free.availablePermits())
                    + " sends still uncompleted " + limit.toSeconds() + " s after the last message arrived");
        }
        free.release(size);
    }

    Histogram latencyNanos() {
        return latencyNanos;
    }

    long lastCompletionNanos() {
        return lastCompletionNanos.get();
    }
}
