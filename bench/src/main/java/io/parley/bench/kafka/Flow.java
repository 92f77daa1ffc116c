package io.parley.bench.kafka;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measured run's bookkeeping: a window bounding sends awaiting their STORED confirmation, and
 * the count of messages received. Thread-safe: sends complete and messages arrive on client threads.
 */
final class Flow {

    private final int messages;
    private final Semaphore window;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Flow(int messages, int window) {
        this.messages = messages;
        this.window = new Semaphore(window);
    }

    /** Waits for room in the window before a send. */
    void beforeSend() throws InterruptedException {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no send was confirmed within 30 s; failure: " + failure.get());
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a send failed: " + failed, failed);
        }
    }

    void sendCompleted(Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        window.release();
    }

    void arrived() {
        if (received.incrementAndGet() == messages) {
            lastArrivalNanos.set(System.nanoTime());
        }
    }

    boolean complete() {
        return received.get() >= messages;
    }

    /** Waits until every message arrived; fails if none arrives for {@code stall}. Returns the last arrival's time. */
    long awaitAll(Duration stall) throws InterruptedException {
        int seen = received.get();
        long progressAt = System.nanoTime();
        while (received.get() < messages) {
            Thread.sleep(5);
            int now = received.get();
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > stall.toNanos()) {
                throw new IllegalStateException("received " + now + " of " + messages + " messages; none for " + stall.toSeconds() + " s");
            }
        }
        return lastArrivalNanos.get();
    }
}
