package io.parley.broker.artemis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded server's paging executor: one thread that, once woken by a task, waits
 * {@code batchNanos} and then runs every task queued meanwhile.
 *
 * <p>Why: with the address-full policy FAIL (Parley's) and a global size limit (Artemis's default),
 * Artemis hands a "memory released" task to the paging executor on every change of an address's
 * size, that is on every message routed and every message acknowledged, to run the callbacks of
 * producers waiting for memory, of which there usually are none. On Artemis's own pool each task
 * wakes a parked thread, which runs a task that does nothing and parks again: measured here, a
 * fifth of the process's CPU at one RPC caller, and a futex wake-up on the thread that routed or
 * acknowledged the message. Artemis's ordered executors queue further tasks of an address while
 * one is pending, so a short wait lets one wake-up serve every address that changed meanwhile.
 * Memory-released callbacks then run up to {@code batchNanos} later, which only producers the FAIL
 * policy refused could notice, and they are told to retry anyway. No paging happens under FAIL, so
 * paging I/O never queues here behind those tasks.
 *
 * <p>Artemis shuts it down with the server: the tasks queued by then still run, later ones are
 * refused. Thread-safe.
 */
final class CoalescingExecutor extends AbstractExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescingExecutor.class);
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final long batchNanos;
    private volatile boolean shutdown;

    CoalescingExecutor(String threadName, long batchNanos) {
        this.batchNanos = batchNanos;
        Thread worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the executor " + this + " is shut down");
        }
        tasks.add(task);
    }

    private void work() {
        try {
            while (true) {
                Runnable task = tasks.take();
                if (task != STOP) {
                    waitBatch();
                }
                do {
                    if (task == STOP) {
                        runRemaining();
                        return;
                    }
                    run(task);
                } while ((task = tasks.poll()) != null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminated.countDown();
        }
    }

    private void waitBatch() {
        long until = System.nanoTime() + batchNanos;
        for (long left = batchNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void runRemaining() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            if (task != STOP) {
                run(task);
            }
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("an embedded Artemis paging task failed", e);
        }
    }

    @Override
    public synchronized void shutdown() {
        if (!shutdown) {
            shutdown = true;
            tasks.add(STOP);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
