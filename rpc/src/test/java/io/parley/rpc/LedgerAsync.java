package io.parley.rpc;

import java.util.concurrent.CompletableFuture;

/** The caller's asynchronous view of {@link Ledger}. */
public interface LedgerAsync {

    CompletableFuture<Integer> record(String entry);

    @Idempotent
    CompletableFuture<Integer> recordIdempotent(String entry);

    @Idempotent
    CompletableFuture<Long> sleep(long millis);

    CompletableFuture<Integer> slowRecord(String entry, long millis);
}
