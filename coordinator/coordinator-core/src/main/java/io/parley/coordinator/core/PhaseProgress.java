package io.parley.coordinator.core;

import io.parley.coordinator.internal.CrashPoints;
import io.parley.coordinator.protocol.MessageType;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The phases of one live transaction across its {@link ParticipantRecord}s: sends every
 * VOTE_REQUEST when the first record is prepared and every GLOBAL_COMMIT when the first record is
 * committed (so all participants work at once while Narayana visits the records in turn), and
 * counts votes so the record that completes phase one reaches its crash point. Phase two keeps the
 * order the crash point {@link CrashPoints#COORDINATOR_MID_COMMIT} names: the first GLOBAL_COMMIT is
 * stored at the broker before the others are sent. Thread-safe.
 */
final class PhaseProgress {

    private final List<ParticipantRecord> records = new CopyOnWriteArrayList<>();
    private final AtomicInteger votes = new AtomicInteger();
    private final AtomicBoolean votesRequested = new AtomicBoolean();
    private final AtomicBoolean commitsSent = new AtomicBoolean();

    void participantAdded(ParticipantRecord record) {
        records.add(record);
    }

    /** Sends VOTE_REQUEST to every participant, once; the records then wait for their votes. */
    void requestVotes(CoordinatorRuntime runtime) {
        if (votesRequested.compareAndSet(false, true)) {
            records.forEach(r -> r.requestVote(runtime));
        }
    }

    /** True for the vote that completes phase one. */
    boolean voteArrived() {
        return votes.incrementAndGet() == records.size();
    }

    /**
     * Sends GLOBAL_COMMIT to every participant, once, {@code first}'s first: when there are others,
     * it waits (up to the ACK timeout) until the first is stored, then reaches the mid-commit crash
     * point, then sends the rest.
     */
    void sendCommits(CoordinatorRuntime runtime, ParticipantRecord first) {
        if (!commitsSent.compareAndSet(false, true)) {
            return;
        }
        var stored = first.sendDecision(runtime, MessageType.GLOBAL_COMMIT);
        if (records.size() == 1) {
            return;
        }
        try {
            stored.get(runtime.config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the first participant's ACK will not come: its record reports FINISH_ERROR; the others go on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CrashPoints.reach(CrashPoints.COORDINATOR_MID_COMMIT); // the first GLOBAL_COMMIT has left, the others have not
        for (ParticipantRecord r : records) {
            if (r != first) {
                r.sendDecision(runtime, MessageType.GLOBAL_COMMIT);
            }
        }
    }

    /** Stops waiting for votes that will not be needed (the transaction ended before all were taken). */
    void forgetVotes(CoordinatorRuntime runtime) {
        records.forEach(r -> r.forgetVote(runtime));
    }
}
