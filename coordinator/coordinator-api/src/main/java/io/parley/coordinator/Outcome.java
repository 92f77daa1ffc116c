package io.parley.coordinator;

import java.util.Objects;

/** How a global transaction ended, and why. Immutable. */
public record Outcome(Status status, String reason) {

    public enum Status {
        /** The decision was commit; every participant applies it (now, or when recovery replays it). */
        COMMITTED,
        /** The decision was abort: nothing of the transaction's work remains. */
        ABORTED,
        /** A participant decided on its own against the decision; an operator must look. */
        HEURISTIC
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static Outcome committed(String reason) {
        return new Outcome(Status.COMMITTED, reason);
    }

    public static Outcome aborted(String reason) {
        return new Outcome(Status.ABORTED, reason);
    }

    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }
}
