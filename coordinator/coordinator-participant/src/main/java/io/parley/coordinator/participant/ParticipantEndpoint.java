package io.parley.coordinator.participant;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.common.ErrorCode;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.TransactionHeaders;
import io.parley.coordinator.internal.CrashPoints;
import io.parley.coordinator.participant.ParticipantLog.Entry;
import io.parley.coordinator.participant.ParticipantLog.LoggedState;
import io.parley.coordinator.protocol.Decision;
import io.parley.coordinator.protocol.MalformedMessageException;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.Protocol;
import io.parley.coordinator.protocol.ProtocolMessage;
import io.parley.coordinator.protocol.Vote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Speaks the two-phase commit protocol for one {@link Participant} over its queue: answers
 * VOTE_REQUEST with the participant's vote, applies GLOBAL_COMMIT / GLOBAL_ABORT and acknowledges,
 * enlists the participant with a coordinator (REGISTER) when it first works for a transaction, and
 * keeps asking DECISION_REQUEST for every READY transaction until a decision arrives — a READY
 * participant never decides alone (only an operator may, through {@link #resolve}). A participant
 * told its work is the last ({@link #voteIfLastWork}) prepares without waiting for VOTE_REQUEST and
 * carries its vote back with its answer.
 *
 * <p>Threading: protocol messages are handled on the broker's consumer threads, several at a time;
 * messages of one transaction are serialised by a per-transaction lock. Answers are sent without
 * waiting for the broker to store them (see {@link #send}). Owns its log and its
 * subscription; the broker and the participant belong to the caller.
 */
public final class ParticipantEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantEndpoint.class);
    private static final int LOCK_STRIPES = 256;

    private final Broker broker;
    private final Participant participant;
    private final ParticipantConfig config;
    private final ParticipantLog log;
    private final Clock clock;
    private final Set<String> enlisted = ConcurrentHashMap.newKeySet();
    /**
     * Protocol messages and operator decisions of one transaction are handled one at a time under
     * its stripe's lock; a fixed set of stripes, so finished transactions leave nothing behind.
     */
    private final Object[] lockStripes = new Object[LOCK_STRIPES];
    private final ScheduledExecutorService asker;
    private volatile Subscription subscription;

    private ParticipantEndpoint(Broker broker, Participant participant, ParticipantConfig config, Clock clock) {
        this.broker = broker;
        this.participant = participant;
        this.config = config;
        this.clock = clock;
        this.log = ParticipantLog.open(config.logFile());
        for (int i = 0; i < lockStripes.length; i++) {
            lockStripes[i] = new Object();
        }
        this.asker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-participant-" + config.participant().name() + "-decision-requests");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the log, settles what a crash left (prepared work with no vote sent is asked about like
     * READY work; a prepare that never finished is aborted), starts consuming the participant's
     * queue and asking about READY transactions.
     */
    public static ParticipantEndpoint start(Broker broker, Participant participant, ParticipantConfig config, Clock clock) {
        ParticipantEndpoint endpoint = new ParticipantEndpoint(broker, participant, config, clock);
        endpoint.recover();
        endpoint.subscription = broker.notify(config.participant().queue(), endpoint::onMessage,
                ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(config.concurrency()));
        long intervalMs = config.decisionRequestInterval().toMillis();
        endpoint.asker.scheduleWithFixedDelay(endpoint::askForDecisions, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return endpoint;
    }

    public ParticipantRef participant() {
        return config.participant();
    }

    private void recover() {
        Set<String> prepared = participant.prepared();
        for (Entry entry : log.inState(LoggedState.PREPARING)) {
            if (prepared.contains(entry.transactionId())) {
                log.record(entry.transactionId(), LoggedState.READY, null);
                LOG.info("participant {}: transaction {} was prepared before a crash; READY, asking coordinator {}",
                        name(), entry.transactionId(), entry.coordinatorQueue());
            } else {
                participant.abort(entry.transactionId());
                log.record(entry.transactionId(), LoggedState.ABORT, null);
                LOG.info("participant {}: transaction {} never finished preparing; aborted (no vote was sent)", name(), entry.transactionId());
            }
        }
        for (String id : prepared) {
            Entry entry = log.entry(id).orElse(null);
            if (entry == null) {
                LOG.error("participant {}: prepared transaction {} is not in the participant log; it stays prepared "
                        + "and in doubt until an operator resolves it", name(), id);
            } else if (entry.state() == LoggedState.COMMIT || entry.state() == LoggedState.ABORT) {
                applyDecision(id, entry.state() == LoggedState.COMMIT ? Decision.COMMIT : Decision.ABORT);
            }
        }
        askForDecisions();
    }

    /**
     * Enlists this participant in the context's transaction (once per transaction): sends REGISTER
     * to the coordinator and waits for REGISTERED.
     *
     * @throws TransactionException ABORTED when the coordinator refuses (the transaction is over) or this
     *                              participant has already prepared or decided the transaction,
     *                              DEADLINE_EXCEEDED when it does not answer within the register timeout
     */
    public void enlist(TransactionContext context) {
        try {
            enlistAsync(context).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Like {@link #enlist}, but sends REGISTER and returns at once: the caller does its local work
     * while REGISTER travels and joins the future before it answers the work (so the coordinator
     * knows the participant before the application can commit). The future fails with the
     * exceptions {@link #enlist} throws, and at once with ABORTED for a transaction this participant
     * has already prepared or decided (no more work); an enlistment that fails is not remembered.
     */
    public CompletableFuture<Void> enlistAsync(TransactionContext context) {
        String id = context.transactionId();
        CompletableFuture<Void> refused = refusedIfLogged(id);
        if (refused != null) {
            return refused;
        }
        if (enlisted.contains(id)) {
            return CompletableFuture.completedFuture(null);
        }
        ProtocolMessage register = ProtocolMessage.of(MessageType.REGISTER, context, name(), config.participant().queue());
        return broker.requestAsync(context.coordinatorQueue(), register.toMessage(), config.registerTimeout())
                .thenApply(reply -> {
                    ProtocolMessage answer = ProtocolMessage.fromMessage(reply);
                    if (answer.type() != MessageType.REGISTERED) {
                        throw new TransactionException(ErrorCode.ABORTED, "participant " + name() + " cannot enlist in transaction "
                                + id + ": " + answer.reason());
                    }
                    enlisted.add(id);
                    return null;
                });
    }

    /**
     * Enlists for the transaction a work request carries. When the initiator already enlisted this
     * participant ({@link TransactionHeaders#injectEnlisted}: headers naming this participant and
     * its queue) no REGISTER is sent; otherwise as {@link #enlistAsync(TransactionContext)}. A
     * transaction this participant has already logged (prepared or decided) is refused either way.
     *
     * @throws TransactionException INVALID_ARGUMENT when the request carries no transaction context
     */
    public CompletableFuture<Void> enlistAsync(Message request) {
        TransactionContext context = TransactionHeaders.extract(request).orElseThrow(() -> new TransactionException(
                ErrorCode.INVALID_ARGUMENT, "participant " + name() + ": work request " + request.id() + " carries no transaction context"));
        boolean enlistedByInitiator = request.header(TransactionHeaders.ENLISTED).filter(name()::equals).isPresent()
                && request.header(TransactionHeaders.ENLISTED_QUEUE).filter(config.participant().queue()::equals).isPresent();
        if (!enlistedByInitiator) {
            return enlistAsync(context);
        }
        String id = context.transactionId();
        CompletableFuture<Void> refused = refusedIfLogged(id);
        if (refused != null) {
            return refused;
        }
        enlisted.add(id);
        return CompletableFuture.completedFuture(null);
    }

    /** A failed enlistment when this participant has prepared or decided the transaction (no more work), else null. */
    private CompletableFuture<Void> refusedIfLogged(String id) {
        Entry entry = log.entry(id).orElse(null);
        if (entry == null) {
            return null;
        }
        return CompletableFuture.failedFuture(new TransactionException(ErrorCode.ABORTED, "participant " + name()
                + " takes no more work for transaction " + id + ": it is " + entry.state() + " here"));
    }

    /**
     * Prepares this participant's part of the transaction now, without waiting for VOTE_REQUEST,
     * and answers the vote for the initiator (an unsolicited vote: the initiator hands it to
     * {@link io.parley.coordinator.GlobalTransaction#takeVote} and the commit asks this participant
     * nothing). Prepared and logged exactly as for a VOTE_REQUEST, which a coordinator that asks
     * anyway is answered from the log. Call it when the transaction brings no more work here: once
     * prepared, the participant refuses further work in it. Idempotent.
     */
    public ProtocolMessage voteNow(TransactionContext context) {
        synchronized (lockOf(context.transactionId())) {
            return vote(context.transactionId(), context.protocol(), context.coordinatorQueue());
        }
    }

    /**
     * When {@code request} is marked as this participant's last work in its transaction
     * ({@link TransactionHeaders#isLastWork}), votes now ({@link #voteNow}) and writes the vote into
     * {@code answer}'s headers, for the initiator to take; otherwise changes nothing. Call it after
     * the request's work, whether the work succeeded or not (failed work votes abort).
     *
     * @return the vote cast, or empty when the request is not marked as last work
     * @throws TransactionException INVALID_ARGUMENT when the request carries no transaction context
     */
    public Optional<Vote> voteIfLastWork(Message request, Message.Builder answer) {
        if (!TransactionHeaders.isLastWork(request)) {
            return Optional.empty();
        }
        TransactionContext context = TransactionHeaders.extract(request).orElseThrow(() -> new TransactionException(
                ErrorCode.INVALID_ARGUMENT, "participant " + name() + ": work request " + request.id() + " carries no transaction context"));
        ProtocolMessage vote = voteNow(context);
        vote.into(answer);
        return Optional.of(vote.type() == MessageType.VOTE_COMMIT ? Vote.COMMIT : Vote.ABORT);
    }

    private void onMessage(Delivery delivery) {
        ProtocolMessage message;
        try {
            message = ProtocolMessage.fromMessage(delivery.message());
        } catch (MalformedMessageException e) {
            LOG.warn("participant {}: dropping malformed message {}: {}", name(), delivery.message().id(), e.getMessage());
            delivery.message().header(ProtocolMessage.REPLY_TO).filter(q -> !q.isBlank()).ifPresent(q -> send(q,
                    new ProtocolMessage(MessageType.ERROR, ProtocolMessage.peekTransactionId(delivery.message()).orElse("unknown"),
                            Protocol.TWO_PHASE, name(), config.participant().queue(), e.getMessage())));
            return;
        }
        synchronized (lockOf(message.transactionId())) {
            handle(message);
        }
    }

    private void handle(ProtocolMessage message) {
        switch (message.type()) {
            case VOTE_REQUEST -> onVoteRequest(message);
            case GLOBAL_COMMIT -> onDecision(message, Decision.COMMIT);
            case GLOBAL_ABORT -> onDecision(message, Decision.ABORT);
            case ERROR -> LOG.warn("participant {}: coordinator reports an error about transaction {}: {}", name(),
                    message.transactionId(), message.reason());
            default -> {
                LOG.warn("participant {}: {} is not a message a participant takes (transaction {}); answered ERROR",
                        name(), message.type(), message.transactionId());
                send(message.replyTo(), message.answer(MessageType.ERROR, config.participant().queue())
                        .withReason(message.type() + " is not a message a participant takes"));
            }
        }
    }

    private void onVoteRequest(ProtocolMessage request) {
        send(request.replyTo(), vote(request.transactionId(), request.protocol(), request.replyTo()));
    }

    /**
     * Phase one here: prepares (PREPARING forced to the log first, naming the coordinator to ask
     * after a crash; READY after) and answers the vote; a transaction already prepared or decided
     * answers the same vote again. Called under the transaction's lock.
     */
    private ProtocolMessage vote(String id, Protocol protocol, String coordinatorQueue) {
        Entry entry = log.entry(id).orElse(null);
        Vote vote;
        String reason = "";
        if (entry != null && entry.state() != LoggedState.PREPARING) {
            vote = entry.state() == LoggedState.ABORT ? Vote.ABORT : Vote.COMMIT; // a repeated VOTE_REQUEST: same answer
            if (vote == Vote.ABORT) {
                reason = "participant " + name() + " has already aborted transaction " + id;
            }
        } else {
            CrashPoints.reach(CrashPoints.PARTICIPANT_BEFORE_VOTE);
            log.record(id, LoggedState.PREPARING, coordinatorQueue);
            PrepareResult prepared;
            try {
                prepared = participant.prepare(id);
            } catch (RuntimeException e) {
                LOG.warn("participant {}: prepare of {} failed; voting abort", name(), id, e);
                participant.abort(id);
                prepared = PrepareResult.abort("prepare failed: " + e.getMessage());
            }
            vote = prepared.vote();
            if (vote == Vote.COMMIT) {
                log.record(id, LoggedState.READY, null);
                CrashPoints.reach(CrashPoints.PARTICIPANT_AFTER_PREPARE);
            } else {
                log.record(id, LoggedState.ABORT, null);
                reason = "participant " + name() + " could not prepare transaction " + id + ": " + prepared.reason();
            }
        }
        return new ProtocolMessage(vote.messageType(), id, protocol, name(), config.participant().queue(), reason);
    }

    private void onDecision(ProtocolMessage message, Decision decision) {
        String id = message.transactionId();
        Entry entry = log.entry(id).orElse(null);
        if (entry != null && (entry.state() == LoggedState.COMMIT || entry.state() == LoggedState.ABORT)) {
            if (entry.state() != (decision == Decision.COMMIT ? LoggedState.COMMIT : LoggedState.ABORT)) {
                LOG.error("participant {}: transaction {} was {} here{}, the coordinator decided {}: heuristic outcome",
                        name(), id, entry.state(), entry.decidedBy() == null ? "" : " by operator " + entry.decidedBy(), decision);
            }
        } else if (decision == Decision.COMMIT && (entry == null || entry.state() == LoggedState.PREPARING)) {
            LOG.warn("participant {}: GLOBAL_COMMIT for transaction {} that this participant never voted to commit; answered ERROR",
                    name(), id);
            send(message.replyTo(), message.answer(MessageType.ERROR, config.participant().queue())
                    .withReason("participant " + name() + " never voted commit for transaction " + id));
            return;
        } else {
            CrashPoints.reach(CrashPoints.PARTICIPANT_AFTER_VOTE);
            applyDecision(id, decision);
            if (decision == Decision.COMMIT) {
                CrashPoints.reach(CrashPoints.PARTICIPANT_AFTER_COMMIT);
            }
        }
        enlisted.remove(id);
        send(message.replyTo(), message.answer(MessageType.ACK, config.participant().queue()));
    }

    private void applyDecision(String id, Decision decision) {
        if (decision == Decision.COMMIT) {
            participant.commit(id);
            log.record(id, LoggedState.COMMIT, null);
        } else {
            participant.abort(id);
            log.record(id, LoggedState.ABORT, null);
        }
    }

    private void askForDecisions() {
        try {
            for (Entry entry : log.inState(LoggedState.READY)) {
                if (entry.coordinatorQueue() == null) {
                    continue;
                }
                ProtocolMessage ask = new ProtocolMessage(MessageType.DECISION_REQUEST, entry.transactionId(), Protocol.TWO_PHASE,
                        name(), config.participant().queue(), "");
                send(entry.coordinatorQueue(), ask);
            }
        } catch (RuntimeException e) {
            LOG.warn("participant {}: asking for decisions failed; retrying in {}", name(), config.decisionRequestInterval(), e);
        }
    }

    /** Transactions this participant holds READY: voted commit, no decision yet. */
    public List<Entry> inDoubt() {
        return log.inState(LoggedState.READY);
    }

    /** Every logged transaction, with its last state. */
    public List<Entry> transactions() {
        return log.all();
    }

    /**
     * An operator's decision for a READY transaction whose coordinator cannot answer: applies it
     * here, recorded with who and when. If the coordinator later decides otherwise the outcome is
     * heuristic (logged as an error).
     *
     * @throws TransactionException NOT_FOUND for an unknown transaction, INVALID_ARGUMENT when it is not READY
     */
    public Entry resolve(String transactionId, Decision decision, String operator) {
        synchronized (lockOf(transactionId)) {
            Entry entry = log.entry(transactionId).orElseThrow(() -> new TransactionException(ErrorCode.NOT_FOUND,
                    "participant " + name() + " knows no transaction '" + transactionId + "'"));
            if (entry.state() != LoggedState.READY) {
                throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction '" + transactionId + "' is " + entry.state()
                        + " at participant " + name() + "; only READY transactions can be resolved");
            }
            if (decision == Decision.COMMIT) {
                participant.commit(transactionId);
            } else {
                participant.abort(transactionId);
            }
            log.recordOperatorDecision(transactionId, decision == Decision.COMMIT ? LoggedState.COMMIT : LoggedState.ABORT,
                    operator, Instant.now(clock));
            LOG.warn("participant {}: operator {} resolved transaction {} as {}", name(), operator, transactionId, decision);
            return log.entry(transactionId).orElseThrow();
        }
    }

    private String name() {
        return config.participant().name();
    }

    private Object lockOf(String transactionId) {
        return lockStripes[Math.floorMod(transactionId.hashCode(), lockStripes.length)];
    }

    /**
     * Sends a protocol message without waiting for the broker to store it: the consumer thread goes
     * on to its next message at once. Nothing a participant sends needs the wait, because the
     * protocol repairs every loss — a lost vote ends in abort by the coordinator's vote timeout (or
     * in the answer to this participant's DECISION_REQUEST), a lost ACK makes recovery send the
     * decision again, which is acknowledged again; a lost answer to anything else is asked again.
     * A send that fails is logged.
     */
    private void send(String queue, ProtocolMessage message) {
        try {
            broker.sendAsync(Destination.queue(queue), message.toMessage(), SyncPoint.STORED).whenComplete((receipt, failure) -> {
                if (failure != null) {
                    LOG.warn("participant {}: {} for {} to {} was not stored: {}", name(), message.type(), message.transactionId(), queue,
                            failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("participant {}: cannot send {} for {} to {}: {}", name(), message.type(), message.transactionId(), queue, e.toString());
        }
    }

    @Override
    public void close() {
        asker.shutdownNow();
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        log.close();
    }
}
