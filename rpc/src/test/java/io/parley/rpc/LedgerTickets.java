package io.parley.rpc;

/** The caller's deferred-synchronous view of {@link Ledger}. */
public interface LedgerTickets {

    Ticket<Integer> record(String entry);

    @Idempotent
    Ticket<Integer> recordIdempotent(String entry);

    Ticket<Integer> slowRecord(String entry, long millis);
}
