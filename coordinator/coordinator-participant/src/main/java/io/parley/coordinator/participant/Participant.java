package io.parley.coordinator.participant;

import java.util.Set;

/**
 * A resource that takes part in global transactions. Called by {@link ParticipantEndpoint} from its
 * consumer threads, possibly concurrently for different transactions; every method is idempotent
 * (a repeated message must do no harm).
 */
public interface Participant {

    /**
     * Phase one. Answers {@link PrepareResult#commit()} only once the transaction's work is durably
     * prepared (it survives a crash of this process); {@link PrepareResult#abort(String)}, saying why,
     * after undoing the work. A prepare that throws is a vote to abort too, its message the reason.
     */
    PrepareResult prepare(String transactionId);

    /** Phase two, decision commit: makes the prepared work permanent. */
    void commit(String transactionId);

    /** Decision abort: undoes the work, prepared or not. */
    void abort(String transactionId);

    /** Transactions this resource holds prepared right now (after a restart: the ones to ask about). */
    Set<String> prepared();
}
