package io.parley.broker.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's named daemon threads. */
final class Threads {

    private Threads() {
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Up to {@code max} threads, started on demand and retired after a minute idle; no queue. */
    static ExecutorService boundedPool(String prefix, int max) {
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), named(prefix));
    }

    /**
     * Up to {@code max} threads, started on demand and retired after a minute idle; a task submitted
     * while all are busy waits in the queue. For callers that bound their tasks themselves: a thread
     * is still busy for a moment after its task released the caller's permit (completing the task's
     * future runs the caller's callbacks on it), so a pool without a queue would refuse a task the
     * caller's bound allows.
     */
    static ExecutorService queuedPool(String prefix, int max) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ExecutorService fixedPool(String prefix, int threads) {
        return Executors.newFixedThreadPool(threads, named(prefix));
    }

    static ScheduledExecutorService timer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(name));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
