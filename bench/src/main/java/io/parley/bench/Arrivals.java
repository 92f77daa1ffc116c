package io.parley.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the messages one measured run expects to receive and lets the driving thread wait for
 * all of them. A run that stops making progress for {@code stallLimit}, or whose client reported
 * a failure, ends with an exception naming what arrived, rather than hanging the benchmark.
 *
 * <p>{@link #arrived()} and {@link #failed(Throwable)} may be called from any thread;
 * {@link #awaitAll} from one.
 */
final class Arrivals {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final int expected;
    private final CountDownLatch remaining;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long lastArrivalNanos;

    Arrivals(int expected) {
        this.expected = expected;
        this.remaining = new CountDownLatch(expected);
    }

    /** Records one arrival now. */
    void arrived() {
        lastArrivalNanos = System.nanoTime();
        remaining.countDown();
    }

    /** Records a client failure; {@link #awaitAll} rethrows the first one. */
    void failed(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    /** Throws the first reported failure, if any. */
    void checkFailure(String what) {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException(what + " failed after " + arrivedCount() + " of " + expected + " messages: " + cause, cause);
        }
    }

    /**
     * Waits until every expected message arrived and returns when the last one did ({@link System#nanoTime()}).
     *
     * @throws IllegalStateException if a failure was reported or nothing arrived for {@code stallLimit}
     */
    long awaitAll(String what, Duration stallLimit, Progress progress) throws InterruptedException {
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        long lastReport = lastProgress;
        while (!remaining.await(100, TimeUnit.MILLISECONDS)) {
            checkFailure(what);
            long now = System.nanoTime();
            long count = arrivedCount();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            } else if (now - lastProgress > stallLimit.toNanos()) {
                throw new IllegalStateException(what + " stalled: " + count + " of " + expected
                        + " messages arrived, none in the last " + stallLimit.toSeconds() + " s");
            }
            if (now - lastReport > REPORT_EVERY.toNanos()) {
                progress.say("  %s: %d of %d received", what, count, expected);
                lastReport = now;
            }
        }
        checkFailure(what);
        return lastArrivalNanos;
    }

    long arrivedCount() {
        return expected - remaining.getCount();
    }
}
