package io.parley.coordinator.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * A two-phase commit participant's states. READY is the blocking state: the participant has voted
 * commit and may not decide alone; only the coordinator's decision (or an operator's) moves it on.
 */
public enum ParticipantState {
    INIT, READY, COMMIT, ABORT;

    public boolean canMoveTo(ParticipantState next) {
        return allowedNext().contains(next);
    }

    public Set<ParticipantState> allowedNext() {
        return switch (this) {
            case INIT -> EnumSet.of(READY, ABORT);
            case READY -> EnumSet.of(COMMIT, ABORT);
            case COMMIT, ABORT -> EnumSet.noneOf(ParticipantState.class);
        };
    }
}
