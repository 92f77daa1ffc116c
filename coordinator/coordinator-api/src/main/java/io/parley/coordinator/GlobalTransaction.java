package io.parley.coordinator;

/**
 * One global transaction, as its initiator sees it. Thread-safe: participants may enlist from any
 * thread while work is under way; {@link #commit()} and {@link #rollback()} end it, once.
 */
public interface GlobalTransaction {

    TransactionContext context();

    default String id() {
        return context().transactionId();
    }

    /**
     * Adds a participant; enlisting the same participant twice is a no-op. Participants normally
     * enlist themselves with a REGISTER message when they first do work for the transaction.
     *
     * @throws TransactionException with {@code ABORTED} when the transaction has already ended or timed out
     */
    void enlist(ParticipantRef participant);

    /**
     * Runs the commit protocol and answers the decision: COMMITTED when every participant voted
     * commit (participants that have not acknowledged yet are finished by recovery), ABORTED with
     * the reason otherwise (a vote to abort, a vote that did not arrive within the vote timeout,
     * the transaction's timeout).
     */
    Outcome commit();

    /** Aborts: every enlisted participant is told GLOBAL_ABORT. */
    Outcome rollback();
}
