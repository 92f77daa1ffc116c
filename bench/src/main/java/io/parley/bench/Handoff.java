package io.parley.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The ping-pong of a latency run: the sender stamps the start of each send, the consumer's thread
 * records the time to arrival and hands the turn back. Histograms are written by the consumer's
 * thread only and read by the sender after its last {@link #awaitArrival}, which orders them.
 */
final class Handoff {

    private final Semaphore arrived = new Semaphore(0);
    private final Histogram endToEnd = new Histogram(3);
    private volatile long sendStartNanos;

    /** Marks the start of a send. */
    void sending() {
        sendStartNanos = System.nanoTime();
    }

    long sendStartNanos() {
        return sendStartNanos;
    }

    /** Called by the consumer's thread when the message arrives. */
    void arrived() {
        endToEnd.recordValue(System.nanoTime() - sendStartNanos);
        arrived.release();
    }

    /** Waits for the arrival of the message just sent. */
    void awaitArrival(String what, int index, Duration limit) throws InterruptedException {
        if (!arrived.tryAcquire(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + ": message " + index + " did not arrive within " + limit.toSeconds() + " s");
        }
    }

    Histogram endToEndNanos() {
        return endToEnd;
    }
}
