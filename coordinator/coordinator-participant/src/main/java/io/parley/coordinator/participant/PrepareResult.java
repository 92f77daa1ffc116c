package io.parley.coordinator.participant;

import io.parley.coordinator.protocol.Vote;

import java.util.Objects;

/**
 * What phase one answers: the vote and, for {@link Vote#ABORT}, why. The reason travels with
 * VOTE_ABORT to the coordinator and ends up in the transaction's outcome, so the application that
 * committed learns what failed where (a constraint violated, a lock not granted, work lost in a restart).
 *
 * @param vote   the vote
 * @param reason why the participant votes abort; empty for {@link Vote#COMMIT}
 */
public record PrepareResult(Vote vote, String reason) {

    private static final PrepareResult COMMIT = new PrepareResult(Vote.COMMIT, "");

    public PrepareResult {
        Objects.requireNonNull(vote, "vote");
        Objects.requireNonNull(reason, "reason");
        if (vote == Vote.COMMIT && !reason.isEmpty()) {
            throw new IllegalArgumentException("a vote to commit carries no reason (got \"" + reason + "\")");
        }
        if (vote == Vote.ABORT && reason.isBlank()) {
            throw new IllegalArgumentException("a vote to abort needs its reason");
        }
    }

    /** A vote to commit: the work is durably prepared. */
    public static PrepareResult commit() {
        return COMMIT;
    }

    /** A vote to abort, after undoing the work, saying why. */
    public static PrepareResult abort(String reason) {
        return new PrepareResult(Vote.ABORT, reason);
    }
}
