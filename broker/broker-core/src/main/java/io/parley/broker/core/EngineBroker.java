package io.parley.broker.core;

import io.parley.broker.Broker;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.Receiver;
import io.parley.broker.SendReceipt;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.Ticket;
import io.parley.broker.TransactionRolledBackException;
import io.parley.broker.TransactionWork;
import io.parley.broker.UnsupportedCapabilityException;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.spi.EngineSession;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine-neutral broker client: the {@link Broker} API over an {@link Engine}. It composes the
 * parts that do the work — {@link SendPath} (validation, stamping, retries, sync points),
 * {@link ReplyDispatcher} (replies and sync notices), {@link HandlerLoop} (delivery guarantees),
 * {@link QueueReceiver}, {@link LocalTransaction} and {@link ProcessedIdLog} — and owns their
 * lifecycle. Thread-safe.
 */
final class EngineBroker implements Broker, ClientServices {

    /** How long {@link #request} waits past its deadline, at which its future fails: the deadline timer's lateness. */
    private static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);

    private final Engine engine;
    private final BrokerConfig config;
    private final boolean ownsEngine;
    private final Set<Capability> capabilities;
    private final LamportClock clock;
    private final BrokerMetrics metrics;
    private final SessionPool sessions;
    private final QueueRegistry queues;
    private final ReplyDispatcher replies;
    private final SyncNotices notices;
    private final SendPath sendPath;
    private final ScheduledExecutorService timer;
    private final Deadlines deadlines;
    private final Map<String, ProcessedIdLog> processedLogs = new ConcurrentHashMap<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    EngineBroker(Engine engine, BrokerConfig config, boolean ownsEngine) {
        this.engine = engine;
        this.config = config;
        this.ownsEngine = ownsEngine;
        this.capabilities = Set.copyOf(engine.capabilities());
        this.clock = new LamportClock(config.nodeId());
        this.metrics = new BrokerMetrics(config.meterRegistry());
        this.sessions = new SessionPool(engine);
        this.queues = new QueueRegistry(engine, config.defaultQueueOptions());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parley-broker-timer-" + config.clientId());
            thread.setDaemon(true);
            return thread;
        });
        String instance = UUID.randomUUID().toString().substring(0, 8);
        this.replies = new ReplyDispatcher(engine, MailboxNames.replies(config.clientId(), instance),
                m -> m.lamport().ifPresent(clock::witness));
        this.deadlines = new Deadlines(timer);
        this.sendPath = new SendPath(engine, config, sessions, queues, clock, replies, timer, deadlines, metrics);
        this.notices = new SyncNotices((destination, message) -> sendUndeclared(destination, stamp(message.toBuilder())));
    }

    // ---- ClientServices ---------------------------------------------------------------------------

    @Override
    public LamportClock clock() {
        return clock;
    }

    @Override
    public BrokerMetrics metrics() {
        return metrics;
    }

    @Override
    public SyncNotices notices() {
        return notices;
    }

    @Override
    public Message stamp(Message.Builder message) {
        return sendPath.stamp(message);
    }

    @Override
    public CompletableFuture<Void> sendUndeclared(Destination destination, Message message) {
        return sendPath.sendPrepared(destination, message);
    }

    // ---- Broker -----------------------------------------------------------------------------------

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public Set<String> capabilities() {
        return capabilities.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void declareQueue(String queue, QueueOptions options) {
        checkOpen();
        Destination.queue(queue);
        queues.declare(queue, options);
    }

    @Override
    public SendReceipt send(Destination destination, Message message, SyncPoint syncPoint) {
        return join(sendAsync(destination, message, syncPoint));
    }

    @Override
    public CompletableFuture<SendReceipt> sendAsync(Destination destination, Message message, SyncPoint syncPoint) {
        checkOpen();
        return sendPath.send(destination, message, syncPoint);
    }

    @Override
    public Optional<Message> get(String queue, Duration wait) {
        try (Receiver receiver = receiver(queue)) {
            Optional<Delivery> delivery = receiver.receive(wait);
            delivery.ifPresent(Delivery::ack);
            return delivery.map(Delivery::message);
        }
    }

    @Override
    public Optional<Message> poll(String queue) {
        return get(queue, Duration.ZERO);
    }

    @Override
    public Subscription notify(String queue, MessageHandler handler, ConsumerOptions options) {
        checkOpen();
        Destination.queue(queue);
        queues.ensure(queue);
        ConsumerSpec spec = new ConsumerSpec(Destination.queue(queue), null, selector(options), config.consumerPrefetch());
        return start(spec, queue, handler, options, () -> queues.options(queue).maxDeliveries());
    }

    @Override
    public Subscription subscribe(Destination.Topic topic, String durableName, MessageHandler handler, ConsumerOptions options) {
        checkOpen();
        if (durableName != null) {
            requireCapability(Capability.DURABLE_SUBSCRIPTIONS, "durable subscription '" + durableName + "'");
            Destination.queue(durableName);
        } else if (options.concurrency() > 1) {
            throw new IllegalArgumentException("subscription to " + topic + " with concurrency " + options.concurrency()
                    + " needs a durableName: a live subscription has one consumer (concurrency 1)");
        }
        if (topic.isPattern()) {
            requireCapability(Capability.WILDCARDS, "topic pattern '" + topic.name() + "'");
        }
        ConsumerSpec spec = new ConsumerSpec(topic, durableName, selector(options), config.consumerPrefetch());
        String source = durableName != null ? durableName : topic.toString();
        return start(spec, source, handler, options, () -> config.defaultQueueOptions().maxDeliveries());
    }

    private Subscription start(ConsumerSpec spec, String source, MessageHandler handler, ConsumerOptions options,
                               IntSupplier maxDeliveries) {
        ProcessedIdLog log = options.guarantee() == DeliveryGuarantee.EFFECTIVELY_ONCE ? processedLog(source) : null;
        HandlerLoop loop = new HandlerLoop(engine, spec, source, handler, options, maxDeliveries, log, this, open::remove);
        open.add(loop);
        if (closed.get()) {
            // close() may have run between checkOpen() and open.add(): it did not see this loop
            open.remove(loop);
            throw new BrokerClosedException("broker client '" + config.clientId() + "' is closed");
        }
        try {
            return loop.start();
        } catch (RuntimeException e) {
            open.remove(loop);
            throw e;
        }
    }

    private ProcessedIdLog processedLog(String source) {
        return processedLogs.computeIfAbsent(source, s -> new ProcessedIdLog(
                config.stateDirectory().resolve("processed").resolve(s + ".log"), config.processedIdCapacity()));
    }

    private String selector(ConsumerOptions options) {
        if (options.selector() != null) {
            requireCapability(Capability.SELECTORS, "selector \"" + options.selector() + "\"");
        }
        return options.selector();
    }

    @Override
    public Receiver receiver(String queue) {
        checkOpen();
        Destination.queue(queue);
        queues.ensure(queue);
        return new QueueReceiver(engine, ConsumerSpec.queue(queue, 0), queue, this);
    }

    // ---- request/reply and tickets ------------------------------------------------------------------

    @Override
    public Message request(String queue, Message request, Duration deadline) {
        try {
            // the bound future fails at the deadline; the grace only covers the timer's lateness
            return replies.await(() -> requestAsync(queue, request, deadline), deadline.plus(DEADLINE_GRACE).toNanos());
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw new DeadlineExceededException("no reply from queue '" + queue + "' within deadline " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerClosedException("interrupted while waiting");
        }
    }

    @Override
    public <T> T awaitReplies(Supplier<? extends CompletableFuture<T>> requests, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        checkOpen();
        return replies.await(requests, timeout.toNanos());
    }

    @Override
    public CompletableFuture<Message> requestAsync(String queue, Message request, Duration deadline) {
        checkOpen();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("request deadline " + deadline.toMillis() + " ms must be positive");
        }
        Message.Builder builder = request.toBuilder().replyTo(replies.destination())
                .rawHeader(BrokerHeaders.DEADLINE, Long.toString(System.currentTimeMillis() + deadline.toMillis()));
        if (capabilities.contains(Capability.EXPIRY)) {
            builder.timeToLive(deadline);
        }
        Message toSend = builder.build();
        CompletableFuture<Message> reply = replies.expect(toSend.id());
        sendPath.send(Destination.queue(queue), toSend, SyncPoint.STORED)
                .whenComplete((receipt, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                });
        return deadlines.bound(reply, deadline.toNanos())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof TimeoutException
                                ? new DeadlineExceededException("no reply from queue '" + queue + "' to request " + toSend.id()
                                        + " within deadline " + deadline.toMillis() + " ms")
                                : e));
    }

    /**
     * Tickets' replies wait in the client's durable mailbox, picked out by a selector on the ticket
     * id; on an engine without selectors (Kafka) each ticket has a mailbox queue of its own, deleted
     * once its reply is collected.
     */
    @Override
    public Ticket submit(String queue, Message request) {
        checkOpen();
        Destination.queue(queue);
        String mailbox = capabilities.contains(Capability.SELECTORS)
                ? MailboxNames.mailbox(config.clientId())
                : MailboxNames.ticketMailbox(config.clientId(), request.id());
        queues.ensure(mailbox);
        Message toSend = request.toBuilder().replyTo(Destination.queue(mailbox)).build();
        send(Destination.queue(queue), toSend, SyncPoint.STORED);
        return new Ticket(toSend.id(), mailbox);
    }

    @Override
    public Optional<Message> poll(Ticket ticket) {
        return await(ticket, Duration.ZERO);
    }

    @Override
    public Optional<Message> await(Ticket ticket, Duration wait) {
        checkOpen();
        queues.ensure(ticket.mailbox());
        boolean ownMailbox = !capabilities.contains(Capability.SELECTORS);
        String selector = ownMailbox ? null : BrokerHeaders.TICKET + " = '" + ticket.id().replace("'", "''") + "'";
        ConsumerSpec spec = new ConsumerSpec(Destination.queue(ticket.mailbox()), null, selector, 0);
        Optional<Message> reply;
        try (QueueReceiver receiver = new QueueReceiver(engine, spec, ticket.mailbox(), this)) {
            Optional<Delivery> delivery = receiver.receive(wait);
            delivery.ifPresent(Delivery::ack);
            reply = delivery.map(Delivery::message);
        }
        if (ownMailbox && reply.isPresent()) {
            queues.delete(ticket.mailbox());
        }
        return reply;
    }

    // ---- transactions and administration ------------------------------------------------------------

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        checkOpen();
        requireCapability(Capability.LOCAL_TRANSACTIONS, "local transactions");
        try (EngineSession session = engine.openSession(SessionMode.TRANSACTED)) {
            LocalTransaction tx = new LocalTransaction(session, this, sendPath::prepare);
            T result;
            try {
                result = work.run(tx);
            } catch (Exception e) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new TransactionRolledBackException("transaction rolled back: the work threw " + e, e);
            }
            try {
                tx.commit();
            } catch (BrokerException e) {
                throw new TransactionRolledBackException("transaction rolled back: commit failed: " + e.getMessage(), e);
            }
            return result;
        }
    }

    @Override
    public List<QueueInfo> queues() {
        checkOpen();
        return engine.queues().stream().filter(q -> !q.name().startsWith(MailboxNames.INTERNAL_PREFIX)).toList();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        replies.close();
        sessions.close();
        // not shutdownNow(): a send waiting there for its next retry must run once more, to fail
        // with BrokerClosedException instead of never completing
        timer.shutdown();
        processedLogs.values().forEach(ProcessedIdLog::close);
        if (ownsEngine) {
            engine.close();
        }
    }

    private void requireCapability(Capability capability, String what) {
        if (!capabilities.contains(capability)) {
            throw new UnsupportedCapabilityException("engine '" + engine.name() + "' does not support " + what
                    + " (capability " + capability + " is not declared)");
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new BrokerClosedException("broker client '" + config.clientId() + "' is closed");
        }
    }

    /**
     * Waits for {@code future}: its failure is rethrown as itself (a runtime exception), an
     * interrupt ends the wait with {@link BrokerClosedException} and the interrupt flag kept.
     */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (CancellationException e) {
            throw new DeadlineExceededException("operation cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerClosedException("interrupted while waiting");
        }
    }

    /** A future's failure to rethrow as itself: a runtime exception, marked with where it was awaited. */
    private static RuntimeException rethrown(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RuntimeException runtime) {
            runtime.addSuppressed(new Exception("awaited here"));
            return runtime;
        }
        return new CompletionException(cause);
    }
}
