/**
 * The participant side of global transactions: the {@link io.parley.coordinator.participant.Participant}
 * contract (prepare -> vote, commit, abort, all idempotent), its durable
 * {@link io.parley.coordinator.participant.ParticipantLog}, the
 * {@link io.parley.coordinator.participant.ParticipantEndpoint} that speaks the protocol over the participant's
 * queue, and a ready {@link io.parley.coordinator.participant.PostgresParticipant}.
 */
package io.parley.coordinator.participant;
