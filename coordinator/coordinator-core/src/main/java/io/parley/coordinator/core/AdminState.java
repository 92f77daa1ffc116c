package io.parley.coordinator.core;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;

import java.util.Arrays;

/**
 * A transaction's state as operators see it ({@code GET /v1/transactions?state=...}).
 * IN_DOUBT: a participant is READY and has not learnt the decision — the coordinator's phase two
 * is unfinished, or (at a participant) the coordinator has not answered.
 */
public enum AdminState {
    ACTIVE("active"), IN_DOUBT("in-doubt"), COMMITTED("committed"), ABORTED("aborted"), HEURISTIC("heuristic");

    private final String wireName;

    AdminState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AdminState fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new TransactionException(ErrorCode.INVALID_ARGUMENT, "state '" + name + "' is not one of "
                        + Arrays.stream(values()).map(AdminState::wireName).toList()));
    }
}
