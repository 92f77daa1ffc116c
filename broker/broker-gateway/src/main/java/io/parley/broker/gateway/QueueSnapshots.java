package io.parley.broker.gateway;

import io.parley.broker.Broker;
import io.parley.broker.QueueInfo;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@link Broker#queues()} for the list, health and metrics resources off the HTTP threads and
 * with a deadline: an engine that does not answer (stopping, or refusing writes while its
 * management needs one) yields 503 {@code unavailable} after {@value #DEADLINE_MS} ms instead of a
 * request that hangs. At most {@value #MAX_WAITING} queries wait on the engine at once.
 *
 * <p>Thread-safe; owns its query threads.
 */
final class QueueSnapshots implements AutoCloseable {

    static final long DEADLINE_MS = 5_000;
    static final int MAX_WAITING = 4;

    private final Broker broker;
    private final ExecutorService queries = Threads.boundedPool("parley-gateway-queues", MAX_WAITING);

    QueueSnapshots(Broker broker) {
        this.broker = broker;
    }

    CompletableFuture<List<QueueInfo>> queues() {
        CompletableFuture<List<QueueInfo>> queues;
        try {
            queues = CompletableFuture.supplyAsync(broker::queues, queries);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE,
                    MAX_WAITING + " queries of the queues already wait for the engine: it does not answer"));
        }
        return queues.orTimeout(DEADLINE_MS, TimeUnit.MILLISECONDS).exceptionally(error -> {
            Throwable cause = GatewayErrors.unwrap(error);
            if (cause instanceof TimeoutException) {
                throw new ParleyException(ErrorCode.UNAVAILABLE, "the engine did not list its queues within " + DEADLINE_MS + " ms");
            }
            throw cause instanceof RuntimeException runtime ? runtime
                    : new ParleyException(ErrorCode.INTERNAL, "listing the queues failed: " + cause, cause);
        });
    }

    @Override
    public void close() {
        queries.shutdownNow();
    }
}
