package io.parley.coordinator;

import java.time.Duration;
import java.util.Optional;

/** Begins global transactions and knows the ones it runs. Thread-safe. */
public interface TransactionCoordinator extends AutoCloseable {

    /** The queue this coordinator receives protocol messages on (the context's coordinator address). */
    String queue();

    /** Begins a transaction that is aborted if it has not committed within {@code timeout}. */
    GlobalTransaction begin(Duration timeout);

    /** A transaction this coordinator is running, by id. */
    Optional<GlobalTransaction> find(String transactionId);

    @Override
    void close();
}
