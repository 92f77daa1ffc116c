package io.parley.coordinator.core;

import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.core.TransactionView.OperatorDecision;
import io.parley.coordinator.core.TransactionView.ParticipantView;
import io.parley.coordinator.core.TransactionView.TimelineEvent;
import io.parley.coordinator.protocol.CoordinatorState;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.ParticipantState;
import io.parley.coordinator.protocol.ProtocolMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's in-memory view of its transactions for operators: state, participants with
 * their votes, and the timeline of protocol messages. The durable truth is Narayana's object store;
 * after a restart, logged transactions reappear here when the coordinator lists the store and when
 * recovery replays them. Keeps at most {@code historySize} finished transactions. Thread-safe (one lock).
 */
final class TransactionRegistry {

    /** Per-transaction timelines are cut at this many events. */
    static final int MAX_TIMELINE_EVENTS = 200;

    private static final class Participant {
        final String queue;
        String vote;
        ParticipantState state = ParticipantState.INIT;
        boolean acknowledged;

        Participant(String queue) {
            this.queue = queue;
        }
    }

    private static final class Entry {
        final String id;
        final Instant startedAt;
        CoordinatorState state = CoordinatorState.INIT;
        Instant decidedAt;
        String reason = "";
        boolean heuristic;
        boolean counted;
        OperatorDecision operator;
        final Map<String, Participant> participants = new LinkedHashMap<>();
        final List<TimelineEvent> timeline = new ArrayList<>();

        Entry(String id, Instant startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }
    }

    private final Clock clock;
    private final int historySize;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private int finished;

    TransactionRegistry(Clock clock, int historySize) {
        this.clock = clock;
        this.historySize = historySize;
    }

    synchronized void begun(String id) {
        entries.put(id, new Entry(id, clock.instant()));
    }

    synchronized void enlisted(String id, ParticipantRef ref) {
        Entry e = entries.get(id);
        if (e != null) {
            e.participants.putIfAbsent(ref.name(), new Participant(ref.queue()));
        }
    }

    /** A transaction found in the object store or replayed by recovery: its decision is commit. */
    synchronized void recovered(String id, ParticipantRef ref) {
        Entry e = entries.computeIfAbsent(id, k -> new Entry(k, null));
        if (!e.state.isDecided()) {
            e.state = CoordinatorState.COMMIT;
            e.reason = "decision commit found in the coordinator log";
        }
        if (ref != null) {
            Participant p = e.participants.computeIfAbsent(ref.name(), k -> new Participant(ref.queue()));
            p.vote = "commit";
            if (p.state == ParticipantState.INIT) {
                p.state = ParticipantState.READY;
            }
        }
    }

    /** The commit protocol starts: WAIT, also when every vote came in before it (carried by work answers). */
    synchronized void committing(String id) {
        Entry e = entries.get(id);
        if (e != null) {
            move(e, CoordinatorState.WAIT);
        }
    }

    synchronized void sent(ProtocolMessage m) {
        Entry e = entries.get(m.transactionId());
        if (e == null) {
            return;
        }
        event(e, "sent", m);
        switch (m.type()) {
            case VOTE_REQUEST -> move(e, CoordinatorState.WAIT);
            case GLOBAL_COMMIT -> move(e, CoordinatorState.COMMIT);
            case GLOBAL_ABORT -> move(e, CoordinatorState.ABORT);
            default -> {
            }
        }
    }

    synchronized void received(ProtocolMessage m, String note) {
        Entry e = entries.get(m.transactionId());
        if (e == null) {
            return;
        }
        TimelineEvent event = new TimelineEvent(clock.instant(), "received", m.type(), m.participant(), note);
        if (e.timeline.size() < MAX_TIMELINE_EVENTS) {
            e.timeline.add(event);
        }
        Participant p = e.participants.get(m.participant());
        if (p == null) {
            return;
        }
        switch (m.type()) {
            case VOTE_COMMIT -> {
                p.vote = "commit";
                p.state = ParticipantState.READY;
            }
            case VOTE_ABORT -> {
                p.vote = "abort";
                p.state = ParticipantState.ABORT;
            }
            case ACK -> {
                p.acknowledged = true;
                p.state = e.state == CoordinatorState.COMMIT ? ParticipantState.COMMIT : ParticipantState.ABORT;
                maybeFinished(e);
            }
            default -> {
            }
        }
    }

    synchronized boolean isAcknowledged(String id, String participant) {
        Entry e = entries.get(id);
        Participant p = e == null ? null : e.participants.get(participant);
        return p != null && p.acknowledged && e.state == CoordinatorState.COMMIT;
    }

    synchronized void decided(String id, CoordinatorState state, String reason, boolean heuristic) {
        Entry e = entries.get(id);
        if (e == null) {
            return;
        }
        move(e, state);
        if (!reason.isEmpty() && e.reason.isEmpty()) {
            e.reason = reason;
        }
        e.heuristic |= heuristic;
        if (state == CoordinatorState.ABORT) {
            e.participants.values().forEach(p -> {
                if (p.state != ParticipantState.ABORT) {
                    p.state = ParticipantState.ABORT;
                }
            });
        }
        maybeFinished(e);
    }

    synchronized void reason(String id, String reason) {
        Entry e = entries.get(id);
        if (e != null && e.reason.isEmpty()) {
            e.reason = reason;
        }
    }

    synchronized void operatorDecision(String id, OperatorDecision decision) {
        Entry e = entries.get(id);
        if (e != null) {
            e.operator = decision;
        }
    }

    synchronized Optional<CoordinatorState> state(String id) {
        return Optional.ofNullable(entries.get(id)).map(e -> e.state);
    }

    synchronized Optional<TransactionView> view(String id) {
        return Optional.ofNullable(entries.get(id)).map(TransactionRegistry::toView);
    }

    synchronized List<TransactionView> views(AdminState filter) {
        List<TransactionView> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            TransactionView v = toView(e);
            if (filter == null || v.state() == filter) {
                out.add(v);
            }
        }
        return out;
    }

    private void move(Entry e, CoordinatorState next) {
        if (e.state == next || !e.state.canMoveTo(next)) {
            return;
        }
        e.state = next;
        if (next.isDecided()) {
            e.decidedAt = clock.instant();
        }
    }

    private void event(Entry e, String direction, ProtocolMessage m) {
        if (e.timeline.size() < MAX_TIMELINE_EVENTS) {
            e.timeline.add(new TimelineEvent(clock.instant(), direction, m.type(), m.participant(), m.reason()));
        }
    }

    private void maybeFinished(Entry e) {
        if (!e.counted && (adminState(e) == AdminState.COMMITTED || adminState(e) == AdminState.ABORTED)) {
            e.counted = true;
            finished++;
            if (finished > historySize) {
                Iterator<Entry> it = entries.values().iterator();
                while (finished > historySize && it.hasNext()) {
                    Entry old = it.next();
                    AdminState s = adminState(old);
                    if (old != e && (s == AdminState.COMMITTED || s == AdminState.ABORTED)) {
                        it.remove();
                        finished--;
                    }
                }
            }
        }
    }

    private static AdminState adminState(Entry e) {
        if (e.heuristic) {
            return AdminState.HEURISTIC;
        }
        return switch (e.state) {
            case INIT, WAIT -> AdminState.ACTIVE;
            case ABORT -> AdminState.ABORTED;
            case COMMIT -> e.participants.values().stream().allMatch(p -> p.acknowledged) && !e.participants.isEmpty()
                    ? AdminState.COMMITTED : AdminState.IN_DOUBT;
        };
    }

    private static TransactionView toView(Entry e) {
        List<ParticipantView> participants = e.participants.entrySet().stream()
                .map(p -> new ParticipantView(p.getKey(), p.getValue().queue, p.getValue().vote, p.getValue().state.name()))
                .toList();
        return new TransactionView(e.id, adminState(e), "coordinator", participants, e.startedAt, e.decidedAt, e.reason,
                List.copyOf(e.timeline), e.operator);
    }
}
