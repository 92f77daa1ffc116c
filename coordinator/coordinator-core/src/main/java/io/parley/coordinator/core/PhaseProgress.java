package io.parley.coordinator.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, per live transaction, votes received and phase-two sends begun, so the records know
 * when all votes are in and which GLOBAL_COMMIT is the first (named crash points). Thread-safe.
 */
final class PhaseProgress {

    private final AtomicInteger participants = new AtomicInteger();
    private final AtomicInteger votes = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    void participantAdded() {
        participants.incrementAndGet();
    }

    /** True for the vote that completes phase one. */
    boolean voteArrived() {
        return votes.incrementAndGet() == participants.get();
    }

    /** How many GLOBAL_COMMITs began before this one. */
    int commitStarting() {
        return commits.getAndIncrement();
    }
}
