package io.parley.broker.artemis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoalescingExecutorTest {

    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @Test
    void shouldRunTheTasksQueuedWhileItWaitsTogetherInOrderOnOneThread() throws Exception {
        CoalescingExecutor executor = new CoalescingExecutor("test-coalescing", BATCH_NANOS);
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        List<Thread> on = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        long submitted = System.nanoTime();
        for (String name : List.of("a", "b", "c")) {
            executor.execute(() -> {
                ran.add(name);
                at.add(System.nanoTime());
                on.add(Thread.currentThread());
                done.countDown();
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(at).allSatisfy(t -> assertThat(t - submitted).isGreaterThanOrEqualTo(BATCH_NANOS));
        assertThat(at.get(2) - at.get(0)).as("one wait for all three, not one each").isLessThan(BATCH_NANOS);
        assertThat(on).hasSize(3).allSatisfy(t -> assertThat(t.getName()).isEqualTo("test-coalescing"));
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldKeepRunningTasksAfterOneThrows() throws Exception {
        CoalescingExecutor executor = new CoalescingExecutor("test-coalescing", 0);
        CountDownLatch after = new CountDownLatch(1);
        executor.execute(() -> {
            throw new IllegalStateException("a failing task");
        });
        executor.execute(after::countDown);

        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldRunTheQueuedTasksOnShutdownAndThenRefuseNewOnes() throws Exception {
        CoalescingExecutor executor = new CoalescingExecutor("test-coalescing", BATCH_NANOS);
        CountDownLatch queued = new CountDownLatch(2);
        executor.execute(queued::countDown);
        executor.execute(queued::countDown);
        executor.shutdown();

        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(queued.getCount()).isZero();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
