package io.parley.broker.core;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.Message;
import io.parley.broker.MessageTooLargeException;
import io.parley.broker.SendReceipt;
import io.parley.broker.StoreFullException;
import io.parley.broker.SyncPoint;
import io.parley.broker.UnsupportedCapabilityException;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import io.parley.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything between {@code Broker.send} and the engine: validation against the limits and the
 * engine's capabilities, Lamport and wall-clock stamping, queue declaration, retry of retriable
 * failures until the send timeout, and waiting for the requested sync point.
 *
 * <p>Retried: failures the engine reports as retriable (a lost connection, an engine restarting),
 * except a full store, which the caller hears of at once. A retried send carries the same message id (and dedup id), so a receiver with
 * EFFECTIVELY_ONCE suppresses the duplicate a retry may create when the engine stored the first
 * attempt but its confirmation was lost. Thread-safe.
 */
final class SendPath {

    private static final Logger LOG = LoggerFactory.getLogger(SendPath.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private final Engine engine;
    private final Set<Capability> capabilities;
    private final BrokerConfig config;
    private final SessionPool sessions;
    private final QueueRegistry queues;
    private final LamportClock clock;
    private final ReplyDispatcher replies;
    private final ScheduledExecutorService timer;
    private final BrokerMetrics metrics;
    private final Deadlines deadlines;
    private final long attemptTimeoutNanos;

    SendPath(Engine engine, BrokerConfig config, SessionPool sessions, QueueRegistry queues, LamportClock clock,
             ReplyDispatcher replies, ScheduledExecutorService timer, Deadlines deadlines, BrokerMetrics metrics) {
        this.engine = engine;
        this.capabilities = engine.capabilities();
        this.config = config;
        this.sessions = sessions;
        this.queues = queues;
        this.clock = clock;
        this.replies = replies;
        this.timer = timer;
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.attemptTimeoutNanos = attemptTimeout(config.sendTimeout()).toNanos();
    }

    /** How long one attempt waits for its confirmation: a third of the send timeout, so a lost one leaves time to retry. */
    private static Duration attemptTimeout(Duration sendTimeout) {
        return Duration.ofNanos(Math.max(1, sendTimeout.toNanos() / 3));
    }

    /** Validates and stamps {@code message} for {@code destination}; declares the queue. */
    Message prepare(Destination destination, Message message) {
        check(destination, message);
        if (destination instanceof Destination.Queue queue) {
            queues.ensure(queue.name());
        }
        return stamp(message.toBuilder());
    }

    Message stamp(Message.Builder message) {
        return message.lamport(clock.tick()).timestamp(Instant.now()).build();
    }

    void check(Destination destination, Message message) {
        if (destination instanceof Destination.Topic topic && topic.isPattern()) {
            throw new InvalidDestinationException("cannot send to topic pattern '" + topic.name()
                    + "': '*' and '#' are for subscriptions; send to a plain topic name");
        }
        if (message.bodySize() > config.maxMessageBytes()) {
            throw new MessageTooLargeException(destination + ": message of " + message.bodySize()
                    + " bytes exceeds maxMessageBytes " + config.maxMessageBytes());
        }
        require(message.priority() != Message.DEFAULT_PRIORITY, Capability.PRIORITIES, "priority " + message.priority());
        boolean keyedTopic = destination instanceof Destination.Topic && capabilities.contains(Capability.KEYED_TOPICS);
        require(message.groupKey().isPresent() && !keyedTopic, Capability.MESSAGE_GROUPS, "group key");
        require(message.expiresAt().isPresent(), Capability.EXPIRY, "expiry");
        require(message.durability() == Durability.TRANSIENT, Capability.TRANSIENT_MESSAGES, "TRANSIENT durability");
    }

    private void require(boolean used, Capability capability, String what) {
        if (used && !capabilities.contains(capability)) {
            throw new UnsupportedCapabilityException("engine '" + engine.name() + "' does not support " + what
                    + " (capability " + capability + " is not declared)");
        }
    }

    /** Sends and completes at {@code syncPoint}; the message is validated and stamped here. */
    CompletableFuture<SendReceipt> send(Destination destination, Message message, SyncPoint syncPoint) {
        Message prepared = prepare(destination, message);
        if (syncPoint == SyncPoint.DELIVERED || syncPoint == SyncPoint.PROCESSED) {
            prepared = prepared.toBuilder()
                    .rawHeader(BrokerHeaders.SYNC_POINT, syncPoint.name())
                    .rawHeader(BrokerHeaders.SYNC_NOTIFY, replies.destination().name())
                    .build();
        }
        Message toSend = prepared;
        CompletableFuture<Message> notice = syncPoint.compareTo(SyncPoint.STORED) > 0
                ? replies.expect(ReplyDispatcher.noticeKey(toSend.id()))
                : null;
        SendReceipt receipt = new SendReceipt(toSend.id(), syncPoint);
        // completes with the receipt itself once stored: at STORED (most sends) no further stage is needed
        CompletableFuture<SendReceipt> stored = sendWithRetry(destination, toSend, receipt);
        switch (syncPoint) {
            case SUBMITTED -> {
                stored.exceptionally(e -> {
                    LOG.warn("send of message {} to {} (sync point SUBMITTED) failed: {}", toSend.id(), destination, e.toString());
                    return null;
                });
                return CompletableFuture.completedFuture(receipt);
            }
            case STORED -> {
                return stored;
            }
            default -> {
                Duration wait = config.syncTimeout();
                return deadlines.bound(stored.thenCompose(v -> notice), wait.toNanos())
                        .handle((m, e) -> settleNotice(destination, toSend, syncPoint, wait, m, e, notice))
                        .thenApply(v -> receipt);
            }
        }
    }

    private Void settleNotice(Destination destination, Message sent, SyncPoint syncPoint, Duration wait,
                              Message notice, Throwable failure, CompletableFuture<Message> pending) {
        if (failure != null) {
            pending.cancel(false);
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                throw new DeadlineExceededException("message " + sent.id() + " to " + destination + " did not reach sync point "
                        + syncPoint + " within syncTimeout " + wait.toMillis() + " ms (it is stored and may still be "
                        + (syncPoint == SyncPoint.DELIVERED ? "delivered" : "processed") + ")");
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
        if (SyncNotices.DEAD_LETTERED.equals(notice.header(BrokerHeaders.SYNC_NOTICE).orElse(""))) {
            throw new BrokerException(ErrorCode.ABORTED, "message " + sent.id() + " to " + destination
                    + " was dead-lettered before it was processed: " + notice.header(BrokerHeaders.DEAD_LETTER_REASON).orElse("no reason given"));
        }
        return null;
    }

    /** Sends an already prepared message without declaring its destination (replies, notices). */
    CompletableFuture<Void> sendPrepared(Destination destination, Message message) {
        return sessions.withSession(session -> session.send(destination, message));
    }

    /**
     * Completes with {@code receipt} when {@code message} is stored, after retries within the send
     * timeout; counts it as sent then.
     */
    private CompletableFuture<SendReceipt> sendWithRetry(Destination destination, Message message, SendReceipt receipt) {
        CompletableFuture<SendReceipt> result = new CompletableFuture<>();
        long started = System.nanoTime();
        attempt(destination, message, receipt, started, started + config.sendTimeout().toNanos(), FIRST_RETRY, result);
        return result;
    }

    private void attempt(Destination destination, Message message, SendReceipt receipt, long startedNanos, long deadlineNanos,
                         Duration backoff, CompletableFuture<SendReceipt> result) {
        CompletableFuture<Void> sent;
        try {
            // an attempt whose confirmation never comes (a connection lost mid-send) must not hang the send
            long attemptTimeout = Math.max(1, Math.min(deadlineNanos - System.nanoTime(), attemptTimeoutNanos));
            sent = deadlines.bound(sendPrepared(destination, message), attemptTimeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((v, e) -> {
            if (e == null) {
                metrics.sent(destination, System.nanoTime() - startedNanos);
                result.complete(receipt);
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                cause = new DeadlineExceededException("send of message " + message.id() + " to " + destination
                        + " was not confirmed as STORED in time (sendTimeout " + config.sendTimeout().toMillis() + " ms)");
            }
            boolean retriable = cause instanceof BrokerException be && be.isRetriable() && !(cause instanceof StoreFullException);
            long remaining = deadlineNanos - System.nanoTime();
            if (!retriable || remaining <= backoff.toNanos()) {
                result.completeExceptionally(cause);
                return;
            }
            LOG.debug("send of message {} to {} failed ({}); retrying in {} ms", message.id(), destination, cause.toString(), backoff.toMillis());
            Duration next = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
            try {
                timer.schedule(() -> attempt(destination, message, receipt, startedNanos, deadlineNanos, next, result),
                        backoff.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                result.completeExceptionally(new BrokerClosedException("send of message " + message.id() + " to " + destination
                        + " not retried: the broker client is closed (last failure: " + cause.getMessage() + ")"));
            }
        });
    }
}
