package io.parley.coordinator.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * The two-phase commit coordinator's states; {@link #canMoveTo} holds every allowed transition.
 * INIT: participants enlisting; WAIT: votes requested; COMMIT/ABORT: decision taken.
 */
public enum CoordinatorState {
    INIT, WAIT, COMMIT, ABORT;

    public boolean canMoveTo(CoordinatorState next) {
        return allowedNext().contains(next);
    }

    public Set<CoordinatorState> allowedNext() {
        return switch (this) {
            case INIT -> EnumSet.of(WAIT, ABORT);
            case WAIT -> EnumSet.of(COMMIT, ABORT);
            case COMMIT, ABORT -> EnumSet.noneOf(CoordinatorState.class);
        };
    }

    public boolean isDecided() {
        return this == COMMIT || this == ABORT;
    }
}
