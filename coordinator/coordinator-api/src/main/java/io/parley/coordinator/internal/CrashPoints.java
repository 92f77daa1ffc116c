package io.parley.coordinator.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Named points where crash tests stop a process. When the system property {@value #PROPERTY} names
 * the point reached, the thread prints {@code CRASH-POINT <name>} on stdout and parks for good, so
 * the test that waits for the line can SIGKILL the process exactly there. Without the property
 * this is a no-op. Thread-safe.
 */
public final class CrashPoints {

    public static final String PROPERTY = "parley.tx.crashPoint";
    public static final String MARKER = "CRASH-POINT ";

    /** Coordinator: all votes are in, the decision is not logged yet. */
    public static final String COORDINATOR_BEFORE_DECISION_LOG = "coordinator.beforeDecisionLog";
    /** Coordinator: the commit decision is in the object store, no GLOBAL_COMMIT sent yet. */
    public static final String COORDINATOR_AFTER_LOG_BEFORE_COMMIT = "coordinator.afterLogBeforeCommit";
    /** Coordinator: GLOBAL_COMMIT went to the first participant, not to the others. */
    public static final String COORDINATOR_MID_COMMIT = "coordinator.midCommit";
    /** Participant: VOTE_REQUEST received, nothing prepared. */
    public static final String PARTICIPANT_BEFORE_VOTE = "participant.beforeVote";
    /** Participant: prepared (PREPARE TRANSACTION done), the vote has not left. */
    public static final String PARTICIPANT_AFTER_PREPARE = "participant.afterPrepareBeforeVote";
    /** Participant: voted commit, the decision arrived but is not applied. */
    public static final String PARTICIPANT_AFTER_VOTE = "participant.afterVoteBeforeDecision";
    /** Participant: the commit is applied (COMMIT PREPARED), no ACK sent. */
    public static final String PARTICIPANT_AFTER_COMMIT = "participant.afterCommitBeforeAck";

    private CrashPoints() {
    }

    /** True when this process is armed to stop at {@code point} (a crash test runs it). */
    public static boolean armed(String point) {
        return point.equals(System.getProperty(PROPERTY));
    }

    public static void reach(String point) {
        String armed = System.getProperty(PROPERTY);
        if (armed == null || !armed.equals(point)) {
            return;
        }
        System.out.println(MARKER + point);
        System.out.flush();
        while (true) {
            LockSupport.park(CrashPoints.class);
        }
    }
}
