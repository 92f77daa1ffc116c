package io.parley.coordinator.core;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.core.TransactionView.OperatorDecision;
import io.parley.coordinator.core.TransactionView.ParticipantView;
import io.parley.coordinator.participant.ParticipantEndpoint;
import io.parley.coordinator.participant.ParticipantLog;
import io.parley.coordinator.protocol.CoordinatorState;
import io.parley.coordinator.protocol.Decision;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What operators see and do (the admin API's model): the transactions of this node's coordinator,
 * and the in-doubt transactions of participants hosted on this node — a READY participant whose
 * coordinator never comes back is visible here, and resolvable. Decisions are recorded with who
 * and when. Thread-safe.
 */
public final class TransactionAdmin {

    private final BrokerTransactionCoordinator coordinator;
    private final List<ParticipantEndpoint> participants = new CopyOnWriteArrayList<>();
    private final Clock clock;

    /** @param coordinator this node's coordinator, or null when the node only hosts participants */
    public TransactionAdmin(BrokerTransactionCoordinator coordinator, Clock clock) {
        this.coordinator = coordinator;
        this.clock = clock;
    }

    public void addParticipant(ParticipantEndpoint endpoint) {
        participants.add(endpoint);
    }

    /** Transactions in {@code state} (all when null), coordinator's first. */
    public List<TransactionView> list(AdminState state) {
        List<TransactionView> out = new ArrayList<>();
        if (coordinator != null) {
            out.addAll(coordinator.registry().views(state));
        }
        for (ParticipantEndpoint endpoint : participants) {
            for (ParticipantLog.Entry entry : endpoint.transactions()) {
                TransactionView view = participantView(endpoint, entry);
                if (state == null || view.state() == state) {
                    out.add(view);
                }
            }
        }
        return out;
    }

    public TransactionView show(String id) {
        Optional<TransactionView> view = coordinator == null ? Optional.empty() : coordinator.registry().view(id);
        if (view.isPresent()) {
            return view.get();
        }
        for (ParticipantEndpoint endpoint : participants) {
            Optional<ParticipantLog.Entry> entry = endpoint.transactions().stream().filter(e -> e.transactionId().equals(id)).findFirst();
            if (entry.isPresent()) {
                return participantView(endpoint, entry.get());
            }
        }
        throw new TransactionException(ErrorCode.NOT_FOUND, "no transaction '" + id + "' at this node");
    }

    /**
     * An operator's decision. At the coordinator: an active transaction can be aborted; a logged
     * commit whose phase two is unfinished is replayed now ("commit"); deciding against a taken
     * decision is refused. At participants: every participant of this node holding it READY commits or aborts it.
     */
    public TransactionView decide(String id, Decision decision, String operator) {
        if (operator == null || operator.isBlank()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "operator must be named to decide transaction '" + id + "'");
        }
        if (coordinator != null) {
            Optional<TransactionView> view = coordinator.registry().view(id);
            if (view.isPresent()) {
                return decideAtCoordinator(id, view.get(), decision, operator);
            }
        }
        TransactionView first = null;
        boolean known = false;
        for (ParticipantEndpoint endpoint : participants) {
            Optional<ParticipantLog.Entry> entry = endpoint.transactions().stream().filter(e -> e.transactionId().equals(id)).findFirst();
            if (entry.isPresent()) {
                known = true;
                if (entry.get().state() == ParticipantLog.LoggedState.READY) {
                    TransactionView view = participantView(endpoint, endpoint.resolve(id, decision, operator));
                    first = first == null ? view : first;
                }
            }
        }
        if (first != null) {
            return first;
        }
        if (known) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction '" + id + "' is not READY at any participant "
                    + "of this node; nothing to decide");
        }
        throw new TransactionException(ErrorCode.NOT_FOUND, "no transaction '" + id + "' at this node");
    }

    private TransactionView decideAtCoordinator(String id, TransactionView view, Decision decision, String operator) {
        OperatorDecision record = new OperatorDecision(decision.name().toLowerCase(java.util.Locale.ROOT), operator, clock.instant());
        switch (view.state()) {
            case ACTIVE -> {
                if (decision == Decision.COMMIT) {
                    throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction '" + id + "' is active: votes are not all in, "
                            + "so only 'abort' can be decided");
                }
                coordinator.registry().operatorDecision(id, record);
                coordinator.live(id).ifPresent(NarayanaGlobalTransaction::rollback);
            }
            case IN_DOUBT, HEURISTIC -> {
                if (decision == Decision.ABORT) {
                    throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction '" + id + "' has the decision commit logged; "
                            + "'abort' would contradict it (participants may have committed)");
                }
                coordinator.registry().operatorDecision(id, record);
                coordinator.recoverNow();
            }
            case COMMITTED, ABORTED -> {
                CoordinatorState taken = view.state() == AdminState.COMMITTED ? CoordinatorState.COMMIT : CoordinatorState.ABORT;
                if (!taken.name().equals(decision.name())) {
                    throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction '" + id + "' is already " + view.state().wireName()
                            + "; '" + decision.name().toLowerCase(java.util.Locale.ROOT) + "' contradicts it");
                }
                coordinator.registry().operatorDecision(id, record);
            }
            default -> throw new IllegalStateException(view.state().name());
        }
        return coordinator.registry().view(id).orElse(view);
    }

    private static TransactionView participantView(ParticipantEndpoint endpoint, ParticipantLog.Entry entry) {
        AdminState state = switch (entry.state()) {
            case PREPARING -> AdminState.ACTIVE;
            case READY -> AdminState.IN_DOUBT;
            case COMMIT -> entry.decidedBy() != null ? AdminState.HEURISTIC : AdminState.COMMITTED;
            case ABORT -> entry.decidedBy() != null ? AdminState.HEURISTIC : AdminState.ABORTED;
        };
        String name = endpoint.participant().name();
        ParticipantView me = new ParticipantView(name, endpoint.participant().queue(),
                entry.state() == ParticipantLog.LoggedState.PREPARING ? null : entry.state() == ParticipantLog.LoggedState.ABORT
                        && entry.decidedBy() == null ? "abort" : "commit", entry.state().protocolState().name());
        OperatorDecision operator = entry.decidedBy() == null ? null
                : new OperatorDecision(entry.state() == ParticipantLog.LoggedState.COMMIT ? "commit" : "abort", entry.decidedBy(), entry.decidedAt());
        String reason = entry.state() == ParticipantLog.LoggedState.READY
                ? "READY at participant " + name + "; waiting for the decision of coordinator " + entry.coordinatorQueue() : "";
        return new TransactionView(entry.transactionId(), state, "participant:" + name, List.of(me), null, entry.decidedAt(), reason,
                List.of(), operator);
    }
}
