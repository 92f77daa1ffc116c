package io.parley.coordinator.protocol;

/** The coordinator's decision in phase two. */
public enum Decision {
    COMMIT, ABORT;

    public MessageType messageType() {
        return this == COMMIT ? MessageType.GLOBAL_COMMIT : MessageType.GLOBAL_ABORT;
    }

    public ParticipantState participantState() {
        return this == COMMIT ? ParticipantState.COMMIT : ParticipantState.ABORT;
    }
}
