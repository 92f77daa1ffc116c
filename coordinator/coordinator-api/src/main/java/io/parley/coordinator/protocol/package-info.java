/**
 * Commit protocols as types: {@link io.parley.coordinator.protocol.Protocol}, the messages
 * ({@link io.parley.coordinator.protocol.MessageType}, {@link io.parley.coordinator.protocol.ProtocolMessage}),
 * the states of coordinator and participant and the votes.
 *
 * <pre>
 *  coordinator                             participant
 *  INIT --begin/commit-- VOTE_REQUEST -->  INIT
 *  WAIT                 <-- VOTE_COMMIT    READY   (or VOTE_ABORT -> ABORT)
 *  [decision logged]
 *  COMMIT ------------- GLOBAL_COMMIT -->  COMMIT
 *                       <-- ACK
 *  (a READY participant that hears nothing sends DECISION_REQUEST until answered)
 * </pre>
 * Three-phase commit adds PRECOMMIT between WAIT and COMMIT as another {@code Protocol} constant
 * with its own messages and states.
 */
package io.parley.coordinator.protocol;
