package io.parley.coordinator.protocol;

/** Protocol messages, with who sends them. */
public enum MessageType {
    /** participant -> coordinator: enlist me (name, queue) in this transaction. */
    REGISTER(Direction.TO_COORDINATOR),
    /** coordinator -> participant: enlisted (or ERROR when the transaction is no longer active). */
    REGISTERED(Direction.TO_PARTICIPANT),
    /** coordinator -> participant: phase one, can you commit? */
    VOTE_REQUEST(Direction.TO_PARTICIPANT),
    /** participant -> coordinator: prepared and READY. */
    VOTE_COMMIT(Direction.TO_COORDINATOR),
    /** participant -> coordinator: cannot commit; the participant has aborted its part. */
    VOTE_ABORT(Direction.TO_COORDINATOR),
    /** coordinator -> participant: the decision is commit. */
    GLOBAL_COMMIT(Direction.TO_PARTICIPANT),
    /** coordinator -> participant: the decision is abort. */
    GLOBAL_ABORT(Direction.TO_PARTICIPANT),
    /** participant -> coordinator: the decision is applied. */
    ACK(Direction.TO_COORDINATOR),
    /** participant -> coordinator: I am READY and heard no decision; what is it? */
    DECISION_REQUEST(Direction.TO_COORDINATOR),
    /** either way: the message named in the reason could not be processed. */
    ERROR(Direction.EITHER);

    public enum Direction { TO_COORDINATOR, TO_PARTICIPANT, EITHER }

    private final Direction direction;

    MessageType(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }
}
