package io.parley.coordinator;

import io.parley.broker.Message;

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
     * Takes the vote a participant carried in its answer to work marked as its last
     * ({@link TransactionHeaders#lastWork}): the participant prepared already, so the commit asks
     * it nothing and counts this vote (a vote to abort aborts the transaction). Answers false, and
     * changes nothing, when {@code answer} carries no vote, the participant's vote is already in, or
     * the commit or rollback has begun (a participant still to be asked answers the same vote from
     * its log).
     *
     * @throws TransactionException INVALID_ARGUMENT when the vote is malformed, is for another
     *                              transaction or comes from a participant (name and queue) that is
     *                              not enlisted
     */
    boolean takeVote(Message answer);

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
