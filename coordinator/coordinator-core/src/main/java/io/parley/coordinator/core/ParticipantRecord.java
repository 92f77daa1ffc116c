package io.parley.coordinator.core;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.coordinator.AbstractRecord;
import com.arjuna.ats.arjuna.coordinator.RecordType;
import com.arjuna.ats.arjuna.coordinator.TwoPhaseOutcome;
import com.arjuna.ats.arjuna.coordinator.abstractrecord.RecordTypeMap;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.internal.CrashPoints;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.Protocol;
import io.parley.coordinator.protocol.ProtocolMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One remote participant of a global transaction inside Narayana's {@code AtomicAction}: phase one
 * sends VOTE_REQUEST to the participant's queue and waits for the vote on the coordinator's queue,
 * phase two sends GLOBAL_COMMIT (and waits for the ACK) or GLOBAL_ABORT (no ACK: presumed abort).
 * Sending and waiting are split: the first record Narayana prepares sends VOTE_REQUEST to every
 * participant of the transaction, the first to commit sends every GLOBAL_COMMIT (see
 * {@link PhaseProgress}), so participants work in parallel while Narayana visits its records one
 * after the other on the committing thread, without a thread hand-off. Its saved state (participant,
 * queue, transaction, coordinator queue) is what the object store keeps, so recovery can rebuild it
 * through {@link TypeMap} and replay phase two. A participant that voted with its last work
 * ({@link #takeVote}) is sent no VOTE_REQUEST: phase one counts the vote it carried. Model:
 * Narayana REST-AT's {@code RESTRecord}.
 *
 * <p>Threading: Narayana calls a live transaction's records on the committing thread (asynchronous
 * prepare and commit are off), recovery on its own thread; the sending halves may be called for a
 * record by another record of its transaction, and the fields they set are guarded by this record.
 * The transport state lives in {@link CoordinatorRuntime}.
 */
public final class ParticipantRecord extends AbstractRecord {

    /** Registers this record type with Narayana, in every JVM that coordinates or recovers. */
    public static final class TypeMap implements RecordTypeMap {
        @Override
        public Class<? extends AbstractRecord> getRecordClass() {
            return ParticipantRecord.class;
        }

        @Override
        public int getType() {
            return TYPE;
        }
    }

    static final int TYPE = RecordType.USER_DEF_FIRST0;
    private static final String TYPE_NAME = "/StateManager/AbstractRecord/ParleyParticipantRecord";
    private static final Logger LOG = LoggerFactory.getLogger(ParticipantRecord.class);

    private String transactionId;
    private String participant;
    private String participantQueue;
    private String coordinatorQueue;
    private transient PhaseProgress progress;
    /** The vote this record waits for, once VOTE_REQUEST is sent; guarded by this. */
    private transient CompletableFuture<ProtocolMessage> vote;
    private transient long voteDeadlineNanos;
    /** The ACK this record waits for, and the decision's send, once the decision is sent; guarded by this. */
    private transient CompletableFuture<ProtocolMessage> ack;
    private transient CompletableFuture<Void> decisionSent;

    /** For Narayana's recovery: state comes from {@link #restore_state}. */
    public ParticipantRecord() {
        super();
    }

    ParticipantRecord(String transactionId, ParticipantRef ref, String coordinatorQueue, PhaseProgress progress) {
        super(new Uid());
        this.transactionId = transactionId;
        this.participant = ref.name();
        this.participantQueue = ref.queue();
        this.coordinatorQueue = coordinatorQueue;
        this.progress = progress;
    }

    /**
     * Phase one, sending half: registers for the vote and sends VOTE_REQUEST without waiting (the
     * first record Narayana prepares does this for every record of its transaction, so all
     * participants prepare at once while Narayana collects the votes one after the other). Once.
     */
    synchronized void requestVote(CoordinatorRuntime runtime) {
        if (vote != null) {
            return;
        }
        CompletableFuture<ProtocolMessage> expected = runtime.pending.expect(transactionId, participant, PendingAnswers.Phase.VOTE);
        vote = expected;
        voteDeadlineNanos = System.nanoTime() + runtime.config.voteTimeout().toNanos();
        runtime.send(participantQueue, message(MessageType.VOTE_REQUEST)).whenComplete((ok, failure) -> {
            if (failure != null) {
                expected.completeExceptionally(failure);
            }
        });
    }

    /**
     * Takes a vote that came before phase one (carried by the participant's answer to its last
     * work): phase one then counts it and sends this participant no VOTE_REQUEST. False when a
     * VOTE_REQUEST is already out or a vote already in.
     */
    synchronized boolean takeVote(ProtocolMessage answer) {
        if (vote != null) {
            return false;
        }
        vote = CompletableFuture.completedFuture(answer);
        voteDeadlineNanos = System.nanoTime();
        return true;
    }

    String queue() {
        return participantQueue;
    }

    /**
     * Phase two, sending half: registers for the ACK and sends the decision without waiting; the
     * answer fails if the send does. Once per record; answers the send's completion (stored).
     */
    synchronized CompletableFuture<Void> sendDecision(CoordinatorRuntime runtime, MessageType decision) {
        if (decisionSent != null) {
            return decisionSent;
        }
        CompletableFuture<ProtocolMessage> expected = runtime.pending.expect(transactionId, participant, PendingAnswers.Phase.ACK);
        ack = expected;
        decisionSent = runtime.send(participantQueue, message(decision));
        decisionSent.whenComplete((ok, failure) -> {
            if (failure != null) {
                expected.completeExceptionally(failure);
            }
        });
        return decisionSent;
    }

    @Override
    public int topLevelPrepare() {
        CoordinatorRuntime runtime = CoordinatorRuntime.current();
        if (progress != null) {
            progress.requestVotes(runtime);
        }
        requestVote(runtime);
        CompletableFuture<ProtocolMessage> expected = vote;
        try {
            ProtocolMessage answer = expected.get(Math.max(0, voteDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (progress != null && progress.voteArrived()) {
                CrashPoints.reach(CrashPoints.COORDINATOR_BEFORE_DECISION_LOG);
            }
            if (answer.type() == MessageType.VOTE_COMMIT) {
                return TwoPhaseOutcome.PREPARE_OK;
            }
            runtime.registry.reason(transactionId, "participant " + participant + " voted abort"
                    + (answer.reason().isEmpty() ? "" : ": " + answer.reason()));
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } catch (TimeoutException e) {
            runtime.registry.reason(transactionId, "no vote from participant " + participant + " within voteTimeout "
                    + runtime.config.voteTimeout().toMillis() + " ms");
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } catch (ExecutionException e) {
            runtime.registry.reason(transactionId, "cannot ask participant " + participant + " for its vote: " + e.getCause());
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } catch (RuntimeException e) {
            runtime.registry.reason(transactionId, "cannot ask participant " + participant + " for its vote: " + e);
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } finally {
            forgetVote(runtime);
        }
    }

    /** Stops waiting for this record's vote (prepared, aborted, or the transaction ended). */
    synchronized void forgetVote(CoordinatorRuntime runtime) {
        if (vote != null) {
            runtime.pending.forget(transactionId, participant, PendingAnswers.Phase.VOTE, vote);
        }
    }

    @Override
    public int topLevelCommit() {
        CoordinatorRuntime runtime = CoordinatorRuntime.current();
        if (progress == null) {
            runtime.registry.recovered(transactionId, new ParticipantRef(participant, participantQueue));
            if (runtime.registry.isAcknowledged(transactionId, participant)) {
                return TwoPhaseOutcome.FINISH_OK;
            }
            sendDecision(runtime, MessageType.GLOBAL_COMMIT);
        } else {
            CrashPoints.reach(CrashPoints.COORDINATOR_AFTER_LOG_BEFORE_COMMIT); // every record parks: no GLOBAL_COMMIT leaves
            progress.sendCommits(runtime, this);
        }
        return awaitAck(runtime, MessageType.GLOBAL_COMMIT);
    }

    /**
     * Sends GLOBAL_ABORT without waiting for an ACK: under presumed abort a participant that missed
     * it asks and is answered abort.
     */
    @Override
    public int topLevelAbort() {
        CoordinatorRuntime runtime = CoordinatorRuntime.current();
        forgetVote(runtime);
        sendDecision(runtime, MessageType.GLOBAL_ABORT).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.info("transaction {}: GLOBAL_ABORT to participant {} was not stored ({}); it is presumed", transactionId, participant,
                        failure.toString());
            }
        });
        forgetAck(runtime);
        return TwoPhaseOutcome.FINISH_OK;
    }

    /** Waits for the ACK of the decision sent; none in time, or the send failed: FINISH_ERROR, recovery replays. */
    private int awaitAck(CoordinatorRuntime runtime, MessageType decision) {
        CompletableFuture<ProtocolMessage> expected;
        synchronized (this) {
            expected = ack;
        }
        try {
            expected.get(runtime.config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return TwoPhaseOutcome.FINISH_OK;
        } catch (TimeoutException e) {
            LOG.warn("transaction {}: no ACK of {} from participant {} within ackTimeout {} ms; recovery will replay it",
                    transactionId, decision, participant, runtime.config.ackTimeout().toMillis());
            return TwoPhaseOutcome.FINISH_ERROR;
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("transaction {}: cannot send {} to participant {}: {}; recovery will replay it", transactionId, decision, participant,
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
            return TwoPhaseOutcome.FINISH_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TwoPhaseOutcome.FINISH_ERROR;
        } finally {
            forgetAck(runtime);
        }
    }

    private synchronized void forgetAck(CoordinatorRuntime runtime) {
        if (ack != null) {
            runtime.pending.forget(transactionId, participant, PendingAnswers.Phase.ACK, ack);
        }
    }

    private ProtocolMessage message(MessageType type) {
        return new ProtocolMessage(type, transactionId, Protocol.TWO_PHASE, participant, coordinatorQueue, "");
    }

    @Override
    public int typeIs() {
        return TYPE;
    }

    @Override
    public String type() {
        return TYPE_NAME;
    }

    @Override
    public Object value() {
        return new ParticipantRef(participant, participantQueue);
    }

    @Override
    public void setValue(Object o) {
        // the participant of a record never changes
    }

    @Override
    public int nestedAbort() {
        return TwoPhaseOutcome.FINISH_OK;
    }

    @Override
    public int nestedCommit() {
        return TwoPhaseOutcome.FINISH_ERROR;
    }

    @Override
    public int nestedPrepare() {
        return TwoPhaseOutcome.PREPARE_NOTOK;
    }

    @Override
    public boolean doSave() {
        return true;
    }

    @Override
    public boolean save_state(OutputObjectState os, int t) {
        if (!super.save_state(os, t)) {
            return false;
        }
        try {
            os.packString(transactionId);
            os.packString(participant);
            os.packString(participantQueue);
            os.packString(coordinatorQueue);
            return true;
        } catch (IOException e) {
            LOG.error("transaction {}: cannot save participant record of {}", transactionId, participant, e);
            return false;
        }
    }

    @Override
    public boolean restore_state(InputObjectState os, int t) {
        if (!super.restore_state(os, t)) {
            return false;
        }
        try {
            transactionId = os.unpackString();
            participant = os.unpackString();
            participantQueue = os.unpackString();
            coordinatorQueue = os.unpackString();
            return true;
        } catch (IOException e) {
            LOG.error("cannot restore a participant record", e);
            return false;
        }
    }

    @Override
    public void merge(AbstractRecord a) {
    }

    @Override
    public void alter(AbstractRecord a) {
    }

    @Override
    public boolean shouldAdd(AbstractRecord a) {
        return false;
    }

    @Override
    public boolean shouldAlter(AbstractRecord a) {
        return false;
    }

    @Override
    public boolean shouldMerge(AbstractRecord a) {
        return false;
    }

    @Override
    public boolean shouldReplace(AbstractRecord a) {
        return false;
    }

    @Override
    public String toString() {
        return "ParticipantRecord[" + participant + " of " + transactionId + "]";
    }
}
