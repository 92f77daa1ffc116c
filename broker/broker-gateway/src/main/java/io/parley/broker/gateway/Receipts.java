package io.parley.broker.gateway;

import io.parley.broker.Broker;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.Delivery;
import io.parley.broker.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The receipt table: messages handed out over HTTP that wait for their acknowledgement.
 *
 * <pre>
 *   GET  -> poller thread: receiver(queue).receive(waitMs) --nothing--> close receiver, 204
 *                                                           --delivery-> receipt in table, 200
 *   DELETE receipt -> remove from table -> ack + close receiver     (204; 404 if not in table)
 *   visibilityMs passes -> remove from table -> release + close receiver (redelivered later)
 * </pre>
 *
 * <p>Each outstanding receipt keeps its own {@link Receiver}, since a receiver holds at most one
 * unsettled delivery. Removing a receipt from the table is what claims the right to settle it, so
 * an acknowledgement and an expiry never both settle one delivery.
 *
 * <p>Bounds: at most {@code maxOutstandingReceipts} receipts, long polls included, and at most
 * {@code maxConcurrentPolls} polls waiting at once (each blocks a poller thread, never an HTTP
 * thread); beyond either the request fails at once with {@code resource-exhausted}.
 *
 * <p>Threading: thread-safe. Owns the poller threads and the visibility timer; settling runs on the
 * worker executor it is given (owned by the {@link Gateway}).
 */
final class Receipts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);

    private final Broker broker;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Executor workers;
    private final ExecutorService pollers;
    private final ScheduledExecutorService visibilityTimer;
    private final Map<String, Receipt> table = new ConcurrentHashMap<>();
    private final Semaphore receiptPermits;
    private final Semaphore pollPermits;
    private volatile boolean closed;

    Receipts(Broker broker, GatewayConfig config, GatewayMetrics metrics, Executor workers) {
        this.broker = broker;
        this.config = config;
        this.metrics = metrics;
        this.workers = workers;
        this.pollers = Threads.queuedPool("parley-gateway-poller", config.maxConcurrentPolls());
        this.visibilityTimer = Threads.timer("parley-gateway-visibility");
        this.receiptPermits = new Semaphore(config.maxOutstandingReceipts());
        this.pollPermits = new Semaphore(config.maxConcurrentPolls());
    }

    /**
     * Waits up to {@code wait} on a poller thread for a message of {@code queue}; the future holds
     * the new receipt, or nothing if no message arrived.
     */
    CompletableFuture<Optional<Receipt>> receive(String queue, Duration wait, Duration visibility) {
        if (closed) {
            throw new BrokerClosedException("the gateway is stopping: queue '" + queue + "' cannot be received from");
        }
        if (!receiptPermits.tryAcquire()) {
            throw GatewayErrors.exhausted("queue '" + queue + "': outstanding receipts reached the limit maxOutstandingReceipts "
                    + config.maxOutstandingReceipts() + "; acknowledge receipts or let them expire");
        }
        if (!pollPermits.tryAcquire()) {
            receiptPermits.release();
            throw GatewayErrors.exhausted("queue '" + queue + "': receives waiting at once reached the limit maxConcurrentPolls "
                    + config.maxConcurrentPolls());
        }
        try {
            return CompletableFuture.supplyAsync(() -> poll(queue, wait, visibility), pollers);
        } catch (RejectedExecutionException e) {
            pollPermits.release();
            receiptPermits.release();
            throw new BrokerClosedException("the gateway is stopping: queue '" + queue + "' cannot be received from", e);
        }
    }

    private Optional<Receipt> poll(String queue, Duration wait, Duration visibility) {
        Receiver receiver = null;
        Receipt receipt = null;
        try {
            receiver = broker.receiver(queue);
            Optional<Delivery> delivery = receiver.receive(wait);
            if (delivery.isEmpty()) {
                return Optional.empty();
            }
            receipt = new Receipt(UUID.randomUUID().toString(), queue, receiver, delivery.get());
            if (closed) {
                receipt.release();
                receiptPermits.release();
                throw new BrokerClosedException("the gateway is stopping: the message of queue '" + queue + "' was given back");
            }
            table.put(receipt.id(), receipt);
            Receipt scheduled = receipt;
            receipt.expireWith(visibilityTimer.schedule(() -> expire(scheduled), visibility.toMillis(), TimeUnit.MILLISECONDS));
            metrics.received(queue, receipt.message().deliveryCount());
            return Optional.of(receipt);
        } finally {
            pollPermits.release();
            if (receipt == null) {
                receiptPermits.release();
                if (receiver != null) {
                    receiver.close();
                }
            }
        }
    }

    /**
     * Acknowledges the receipt on a worker thread.
     *
     * @throws io.parley.common.ParleyException {@code not-found} if the receipt is unknown, expired or
     *         already acknowledged, or belongs to another queue
     */
    CompletableFuture<Void> acknowledge(String queue, String receiptId) {
        Receipt receipt = table.get(receiptId);
        if (receipt == null || !receipt.queue().equals(queue) || !table.remove(receiptId, receipt)) {
            throw GatewayErrors.notFound("receipt '" + receiptId + "' of queue '" + queue
                    + "' is unknown or expired: a receipt is valid once, until its visibilityMs runs out");
        }
        return CompletableFuture.runAsync(() -> {
            try {
                receipt.ack();
                metrics.acknowledged(queue);
            } finally {
                receiptPermits.release();
            }
        }, workers);
    }

    /** Receipts currently outstanding. */
    int outstanding() {
        return table.size();
    }

    /** Gives the receipt's message back to its queue now, unless it was settled already. */
    void giveBack(Receipt receipt) {
        if (!table.remove(receipt.id(), receipt)) {
            return;
        }
        try {
            workers.execute(() -> release(receipt));
        } catch (RejectedExecutionException e) {
            release(receipt);
        }
    }

    private void expire(Receipt receipt) {
        if (table.containsKey(receipt.id())) {
            metrics.visibilityExpired(receipt.queue());
            giveBack(receipt);
        }
    }

    private void release(Receipt receipt) {
        try {
            receipt.release();
        } catch (RuntimeException e) {
            LOG.warn("receipt {} of queue '{}': releasing after the visibility timeout failed; the engine redelivers it when the receiver closes",
                    receipt.id(), receipt.queue(), e);
        } finally {
            receiptPermits.release();
        }
    }

    /** Stops polling and gives every outstanding message back to its queue. */
    @Override
    public void close() {
        closed = true;
        visibilityTimer.shutdownNow();
        pollers.shutdownNow();
        try {
            if (!pollers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("gateway pollers did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Receipt receipt : table.values()) {
            if (table.remove(receipt.id(), receipt)) {
                release(receipt);
            }
        }
    }
}
