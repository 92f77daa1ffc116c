package io.parley.broker.gateway;

import io.parley.broker.Broker;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.Destination;
import io.parley.broker.SendReceipt;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a parsed request through {@link Broker#sendAsync} and answers {@code 201 {"id": ...}} once
 * the sync point is reached, or the mapped error. The HTTP thread returns at once; the answer is
 * written from a worker thread when the send's future completes. Thread-safe.
 */
final class Sender {

    /** The body of a {@code 201} answer to a send. */
    record SentMessage(String id) {
    }

    private final Broker broker;
    private final GatewayMetrics metrics;
    private final Executor workers;

    Sender(Broker broker, GatewayMetrics metrics, Executor workers) {
        this.broker = broker;
        this.metrics = metrics;
        this.workers = workers;
    }

    void send(Destination destination, SendRequest request, AsyncResponse response) {
        long started = System.nanoTime();
        long timeoutMs = request.syncTimeout().toMillis();
        response.setTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(timedOut -> timedOut.resume(new DeadlineExceededException(destination
                + ": message " + request.message().id() + " did not reach sync point " + request.syncPoint()
                + " within " + timeoutMs + " ms (" + GatewayHeaders.SYNC_TIMEOUT_MS + ")")));
        broker.sendAsync(destination, request.message(), request.syncPoint())
                .whenCompleteAsync((receipt, error) -> answer(destination, request, response, started, receipt, error), workers);
    }

    private void answer(Destination destination, SendRequest request, AsyncResponse response, long started,
                        SendReceipt receipt, Throwable error) {
        if (error != null) {
            response.resume(GatewayErrors.unwrap(error));
            return;
        }
        metrics.sent(destination, request.syncPoint(), Duration.ofNanos(System.nanoTime() - started));
        response.resume(Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new SentMessage(receipt.messageId())).build());
    }
}
