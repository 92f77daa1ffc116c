package io.parley.coordinator.core;

import com.arjuna.ats.arjuna.AtomicAction;
import com.arjuna.ats.arjuna.coordinator.ActionStatus;
import com.arjuna.ats.arjuna.coordinator.AddOutcome;
import io.parley.broker.Message;
import io.parley.common.ErrorCode;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.protocol.CoordinatorState;
import io.parley.coordinator.protocol.MalformedMessageException;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.ProtocolMessage;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A global transaction backed by one Narayana {@link AtomicAction}, detached from any thread: its
 * participants are {@link ParticipantRecord}s, its decision log is the action's entry in the object
 * store. Thread-safe: enlisting is serialised with the start of {@code commit}/{@code rollback},
 * which run once.
 */
final class NarayanaGlobalTransaction implements GlobalTransaction {

    private enum Phase { OPEN, ENDING }

    private final AtomicAction action;
    private final TransactionContext context;
    private final CoordinatorRuntime runtime;
    private final PhaseProgress progress = new PhaseProgress();
    /** Enlisted participants by name; guarded by this. */
    private final Map<String, ParticipantRecord> participants = new HashMap<>();
    private final Consumer<NarayanaGlobalTransaction> onEnd;
    private Phase phase = Phase.OPEN;
    private Outcome outcome;

    NarayanaGlobalTransaction(AtomicAction action, TransactionContext context, CoordinatorRuntime runtime,
                              Consumer<NarayanaGlobalTransaction> onEnd) {
        this.action = action;
        this.context = context;
        this.runtime = runtime;
        this.onEnd = onEnd;
    }

    @Override
    public TransactionContext context() {
        return context;
    }

    @Override
    public synchronized void enlist(ParticipantRef participant) {
        if (phase != Phase.OPEN) {
            throw new TransactionException(ErrorCode.ABORTED, "transaction " + id() + " is ending; participant "
                    + participant.name() + " cannot enlist any more");
        }
        if (participants.containsKey(participant.name())) {
            return;
        }
        ParticipantRecord record = new ParticipantRecord(id(), participant, runtime.queue(), progress);
        participants.put(participant.name(), record);
        int added = action.add(record);
        if (added != AddOutcome.AR_ADDED) {
            participants.remove(participant.name());
            throw new TransactionException(ErrorCode.ABORTED, "transaction " + id() + " is " + ActionStatus.stringForm(action.status())
                    + " (timed out?); participant " + participant.name() + " cannot enlist");
        }
        progress.participantAdded(record);
        runtime.registry.enlisted(id(), participant);
    }

    @Override
    public boolean takeVote(Message answer) {
        ProtocolMessage vote;
        try {
            vote = ProtocolMessage.carriedBy(answer).orElse(null);
        } catch (MalformedMessageException e) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction " + id() + ": message " + answer.id()
                    + " carries a malformed vote: " + e.getMessage(), e);
        }
        if (vote == null) {
            return false;
        }
        if (vote.type() != MessageType.VOTE_COMMIT && vote.type() != MessageType.VOTE_ABORT) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction " + id() + ": message " + answer.id() + " carries "
                    + vote.type() + ", not a vote");
        }
        if (!vote.transactionId().equals(id())) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction " + id() + ": message " + answer.id()
                    + " carries a vote for transaction " + vote.transactionId());
        }
        boolean taken;
        synchronized (this) {
            ParticipantRecord record = participants.get(vote.participant());
            if (record == null || !record.queue().equals(vote.replyTo())) {
                throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction " + id() + ": the vote in message " + answer.id()
                        + " comes from participant " + vote.participant() + " at " + vote.replyTo() + ", which is not enlisted");
            }
            // once the commit has started the participant is asked with VOTE_REQUEST and answers the same vote from its log
            taken = phase == Phase.OPEN && record.takeVote(vote);
        }
        if (taken) {
            runtime.registry.received(vote, "carried by the answer to its last work");
        }
        return taken;
    }

    synchronized boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /** False once the action is no longer running (ended, or rolled back by Narayana's reaper on timeout). */
    boolean isRunning() {
        return action.status() == ActionStatus.RUNNING;
    }

    @Override
    public Outcome commit() {
        synchronized (this) {
            if (phase != Phase.OPEN) {
                return ended("commit");
            }
            phase = Phase.ENDING;
        }
        boolean timedOut = action.status() != ActionStatus.RUNNING;
        runtime.registry.committing(id());
        int status;
        try {
            status = action.commit(true);
        } finally {
            progress.forgetVotes(runtime);
            onEnd.accept(this);
        }
        Outcome result = map(status, timedOut);
        runtime.registry.decided(id(), result.isCommitted() ? CoordinatorState.COMMIT : CoordinatorState.ABORT, result.reason(),
                result.status() == Outcome.Status.HEURISTIC);
        return finish(result);
    }

    @Override
    public Outcome rollback() {
        return abort("rolled back by the application");
    }

    /** Ends a transaction Narayana's reaper rolled back on timeout before anyone called commit or rollback. */
    void expireIfTimedOut() {
        if (isOpen() && !isRunning()) {
            abort("transaction timed out before commit");
        }
    }

    private Outcome abort(String reason) {
        synchronized (this) {
            if (phase != Phase.OPEN) {
                return ended("rollback");
            }
            phase = Phase.ENDING;
        }
        try {
            action.abort();
        } finally {
            onEnd.accept(this);
        }
        runtime.registry.reason(id(), reason);
        runtime.registry.decided(id(), CoordinatorState.ABORT, reason, false);
        return finish(Outcome.aborted(reason));
    }

    private synchronized Outcome finish(Outcome result) {
        outcome = result;
        notifyAll();
        return result;
    }

    private synchronized Outcome ended(String verb) {
        while (outcome == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransactionException(ErrorCode.ABORTED, verb + " of " + id() + " interrupted while another thread ends it");
            }
        }
        return outcome;
    }

    private Outcome map(int status, boolean timedOut) {
        String reason = runtime.registry.view(id()).map(TransactionView::reason).filter(r -> !r.isEmpty()).orElse("");
        return switch (status) {
            case ActionStatus.COMMITTED, ActionStatus.H_COMMIT -> Outcome.committed(participants.size() + " participant(s) voted commit");
            case ActionStatus.COMMITTING -> Outcome.committed("decision commit logged; participants that have not acknowledged "
                    + "are finished by recovery");
            case ActionStatus.ABORTED, ActionStatus.ABORTING, ActionStatus.H_ROLLBACK -> Outcome.aborted(timedOut
                    ? "transaction timed out before commit" : reason.isEmpty() ? "aborted (" + ActionStatus.stringForm(status) + ")" : reason);
            default -> new Outcome(Outcome.Status.HEURISTIC, "Narayana reports " + ActionStatus.stringForm(status)
                    + (reason.isEmpty() ? "" : ": " + reason));
        };
    }
}
