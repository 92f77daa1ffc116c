/**
 * The coordinator of global transactions, on Narayana ArjunaCore.
 *
 * <pre>
 *  application          BrokerTransactionCoordinator        Narayana                     participant queue
 *  begin(timeout) -----> AtomicAction.begin(timeout) ------> reaper watches timeout
 *                       <- REGISTER (participant, queue)  -> action.add(ParticipantRecord)
 *  commit() ----------> AtomicAction.commit() ----------> record.topLevelPrepare ------> VOTE_REQUEST
 *                        CoordinatorInbox <---------------------------------------------- VOTE_COMMIT/ABORT
 *                                                          [object store: decision log]
 *                                                          record.topLevelCommit -------> GLOBAL_COMMIT
 *                        CoordinatorInbox <---------------------------------------------- ACK
 * </pre>
 * No vote within the vote timeout means PREPARE_NOTOK (abort). A GLOBAL_COMMIT that is not
 * acknowledged within the ack timeout returns FINISH_ERROR, so Narayana keeps the log and its
 * {@code AtomicActionRecoveryModule} (run by the in-process {@code RecoveryManager}) replays phase two
 * later, also after a crash. A DECISION_REQUEST is answered from memory, else from the object store
 * (a logged action = commit), else with presumed abort.
 *
 * <p>The first record prepared sends VOTE_REQUEST to every participant and the first record
 * committed sends every GLOBAL_COMMIT ({@link io.parley.coordinator.core.PhaseProgress}), so both
 * phases reach all participants at once while Narayana visits the records on the committing
 * thread; no protocol send waits for the broker's STORED confirmation (the protocol repairs losses).
 *
 * <p>Narayana instantiates records itself during recovery, so records reach the transport through
 * the one {@link io.parley.coordinator.core.CoordinatorRuntime} of the JVM (as REST-AT's RESTRecord
 * reaches its HTTP client).
 */
package io.parley.coordinator.core;
