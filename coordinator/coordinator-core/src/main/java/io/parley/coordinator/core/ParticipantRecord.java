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
 * phase two sends GLOBAL_COMMIT or GLOBAL_ABORT and waits for the ACK. Its saved state (participant,
 * queue, transaction, coordinator queue) is what the object store keeps, so recovery can rebuild it
 * through {@link TypeMap} and replay phase two. Model: Narayana REST-AT's {@code RESTRecord}.
 *
 * <p>Narayana calls one record from one thread at a time (its own threads with asynchronous
 * prepare); the transport state lives in {@link CoordinatorRuntime}.
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

    @Override
    public int topLevelPrepare() {
        CoordinatorRuntime runtime = CoordinatorRuntime.current();
        CompletableFuture<ProtocolMessage> vote = runtime.pending.expect(transactionId, participant, PendingAnswers.Phase.VOTE);
        try {
            runtime.send(participantQueue, message(MessageType.VOTE_REQUEST));
            ProtocolMessage answer = vote.get(runtime.config.voteTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        } catch (RuntimeException | ExecutionException e) {
            runtime.registry.reason(transactionId, "cannot ask participant " + participant + " for its vote: " + e);
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TwoPhaseOutcome.PREPARE_NOTOK;
        } finally {
            runtime.pending.forget(transactionId, participant, PendingAnswers.Phase.VOTE, vote);
        }
    }

    @Override
    public int topLevelCommit() {
        CoordinatorRuntime runtime = CoordinatorRuntime.current();
        if (progress == null) {
            runtime.registry.recovered(transactionId, new ParticipantRef(participant, participantQueue));
        } else {
            CrashPoints.reach(CrashPoints.COORDINATOR_AFTER_LOG_BEFORE_COMMIT); // every record parks: no GLOBAL_COMMIT leaves
            if (progress.commitStarting() > 0) {
                CrashPoints.reach(CrashPoints.COORDINATOR_MID_COMMIT); // the first record's GLOBAL_COMMIT leaves, the others' do not
            }
        }
        return runtime.registry.isAcknowledged(transactionId, participant)
                ? TwoPhaseOutcome.FINISH_OK : decide(runtime, MessageType.GLOBAL_COMMIT, true);
    }

    @Override
    public int topLevelAbort() {
        return decide(CoordinatorRuntime.current(), MessageType.GLOBAL_ABORT, false);
    }

    /**
     * Sends the decision; for commit waits for the ACK (none in time: FINISH_ERROR, recovery
     * replays). An abort needs no ACK under presumed abort: a participant that missed it asks and is
     * answered abort.
     */
    private int decide(CoordinatorRuntime runtime, MessageType decision, boolean awaitAck) {
        CompletableFuture<ProtocolMessage> ack = runtime.pending.expect(transactionId, participant, PendingAnswers.Phase.ACK);
        try {
            runtime.send(participantQueue, message(decision));
            if (!awaitAck) {
                return TwoPhaseOutcome.FINISH_OK;
            }
            ack.get(runtime.config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return TwoPhaseOutcome.FINISH_OK;
        } catch (TimeoutException e) {
            LOG.warn("transaction {}: no ACK of {} from participant {} within ackTimeout {} ms; recovery will replay it",
                    transactionId, decision, participant, runtime.config.ackTimeout().toMillis());
            return TwoPhaseOutcome.FINISH_ERROR;
        } catch (RuntimeException | ExecutionException e) {
            LOG.warn("transaction {}: cannot send {} to participant {}: {}; recovery will replay it", transactionId, decision, participant,
                    e.toString());
            return awaitAck ? TwoPhaseOutcome.FINISH_ERROR : TwoPhaseOutcome.FINISH_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TwoPhaseOutcome.FINISH_ERROR;
        } finally {
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
