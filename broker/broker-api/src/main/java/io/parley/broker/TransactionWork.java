package io.parley.broker;

/** Work done inside a local transaction; returning commits it, throwing rolls it back. */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Transaction transaction) throws Exception;
}
