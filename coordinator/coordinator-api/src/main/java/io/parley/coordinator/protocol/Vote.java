package io.parley.coordinator.protocol;

/** A participant's answer to VOTE_REQUEST. */
public enum Vote {
    COMMIT, ABORT;

    public MessageType messageType() {
        return this == COMMIT ? MessageType.VOTE_COMMIT : MessageType.VOTE_ABORT;
    }
}
