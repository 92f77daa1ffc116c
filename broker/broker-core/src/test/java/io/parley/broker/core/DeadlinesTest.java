package io.parley.broker.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlinesTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    private final Deadlines deadlines = new Deadlines();

    @Test
    void aFutureRunningPastItsDeadlineFailsWithATimeout() {
        CompletableFuture<String> late = deadlines.bound(new CompletableFuture<>(), 1);
        deadlines.sweep();
        assertThatThrownBy(late::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void aFutureWithinItsDeadlineIsLeftAlone() {
        CompletableFuture<String> running = deadlines.bound(new CompletableFuture<>(), AN_HOUR);
        for (int i = 0; i < Deadlines.FULL_SWEEP_EVERY * 2; i++) {
            deadlines.sweep();
        }
        assertThat(running).isNotDone();
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void completedFuturesAreDroppedFromTheHeadAtTheNextSweep() {
        CompletableFuture<String> first = deadlines.bound(new CompletableFuture<>(), AN_HOUR);
        CompletableFuture<String> second = deadlines.bound(new CompletableFuture<>(), AN_HOUR);
        first.complete("a");
        second.complete("b");
        deadlines.sweep();
        assertThat(deadlines.size()).isZero();
        assertThat(first).isCompletedWithValue("a");
    }

    @Test
    void aShortTimeoutQueuedBehindALongerRunningFutureStillFires() {
        CompletableFuture<String> slow = deadlines.bound(new CompletableFuture<>(), AN_HOUR);
        CompletableFuture<String> quick = deadlines.bound(new CompletableFuture<>(), 1);
        for (int i = 0; i < Deadlines.FULL_SWEEP_EVERY; i++) {
            deadlines.sweep();
        }
        assertThat(quick).isCompletedExceptionally();
        assertThatThrownBy(quick::get).hasCauseInstanceOf(TimeoutException.class);
        assertThat(slow).isNotDone();
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void futuresCompletedOutOfOrderAreDroppedWithinAFullSweep() {
        CompletableFuture<String> slow = deadlines.bound(new CompletableFuture<>(), AN_HOUR);
        for (int i = 0; i < 100; i++) {
            deadlines.bound(new CompletableFuture<String>(), AN_HOUR).complete("done");
        }
        for (int i = 0; i < Deadlines.FULL_SWEEP_EVERY; i++) {
            deadlines.sweep();
        }
        assertThat(deadlines.size()).isEqualTo(1);
        assertThat(slow).isNotDone();
    }

    @Test
    void anAlreadyCompletedFutureIsNotQueued() {
        deadlines.bound(CompletableFuture.completedFuture("now"), AN_HOUR);
        assertThat(deadlines.size()).isZero();
    }
}
