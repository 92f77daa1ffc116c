package io.parley.coordinator.rpc;

import io.parley.coordinator.TransactionContext;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The global transaction the current thread works for. Set by the caller around calls
 * ({@link #callIn}) and by {@link TransactionServerInterceptor} around a method. Per thread.
 */
public final class CurrentTransaction {

    private static final ThreadLocal<TransactionContext> CURRENT = new ThreadLocal<>();

    private CurrentTransaction() {
    }

    public static Optional<TransactionContext> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} with {@code context} current on this thread, restoring what was current before. */
    public static <T> T callIn(TransactionContext context, Callable<T> work) throws Exception {
        TransactionContext previous = CURRENT.get();
        CURRENT.set(context);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
