package io.parley.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Ledger} in memory that counts executions, for tests in this JVM. Thread-safe. */
class CountingLedger implements Ledger {

    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    volatile CountDownLatch started = new CountDownLatch(1);

    int executions(String entry) {
        AtomicInteger count = executions.get(entry);
        return count == null ? 0 : count.get();
    }

    @Override
    public int record(String entry) {
        order.add(entry);
        return executions.computeIfAbsent(entry, e -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int recordIdempotent(String entry) {
        return record(entry);
    }

    @Override
    public void note(String entry) {
        record(entry);
    }

    @Override
    public void noteIdempotent(String entry) {
        record(entry);
    }

    @Override
    public long sleep(long millis) throws InterruptedException {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        started.countDown();
        long start = System.nanoTime();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        } finally {
            running.decrementAndGet();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public int slowRecord(String entry, long millis) throws InterruptedException {
        sleep(millis);
        return record(entry);
    }

    @Override
    public List<String> entries() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }
}
