package io.parley.coordinator.core;

import io.parley.coordinator.protocol.MessageType;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one transaction for the admin API. Immutable.
 *
 * @param role      "coordinator" (this node decides it) or "participant:&lt;name&gt;" (a participant here holds it)
 * @param decidedAt null while undecided
 * @param operator  the operator decision, if any
 */
public record TransactionView(String id, AdminState state, String role, List<ParticipantView> participants, Instant startedAt,
                              Instant decidedAt, String reason, List<TimelineEvent> timeline, OperatorDecision operator) {

    /** A participant's vote ("commit", "abort", or null before it voted) and protocol state. */
    public record ParticipantView(String name, String queue, String vote, String state) {
    }

    /** One protocol message sent or received. */
    public record TimelineEvent(Instant at, String direction, MessageType type, String participant, String note) {
    }

    /** An operator's decision, with who and when. */
    public record OperatorDecision(String outcome, String by, Instant at) {
    }
}
