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
 * counts votes so the record that completes phase one reaches its crash point. A crash after the
 * decision is logged can leave some GLOBAL_COMMITs sent and others not (recovery sends them all
 * again); the crash point {@link CrashPoints#COORDINATOR_MID_COMMIT} makes that state exact — armed,
 * the first GLOBAL_COMMIT is stored at the broker and the others are not sent. Thread-safe.
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

    /** Sends GLOBAL_COMMIT to every participant, once, {@code first}'s first, without waiting. */
    void sendCommits(CoordinatorRuntime runtime, ParticipantRecord first) {
        if (!commitsSent.compareAndSet(false, true)) {
            return;
        }
        var stored = first.sendDecision(runtime, MessageType.GLOBAL_COMMIT);
        if (records.size() > 1 && CrashPoints.armed(CrashPoints.COORDINATOR_MID_COMMIT)) {
            // a crash test stops here: the first GLOBAL_COMMIT stored at the broker, the others not sent
            try {
                stored.get(runtime.config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // not stored: the test sees no participant commit before the restart
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            CrashPoints.reach(CrashPoints.COORDINATOR_MID_COMMIT);
        }
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
