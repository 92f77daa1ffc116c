package io.parley.coordinator;

import io.parley.coordinator.protocol.Protocol;

import java.util.Objects;

/**
 * What travels with work done for a global transaction: its id, the queue of the coordinator that
 * decides it, and the commit protocol it runs. Immutable.
 */
public record TransactionContext(String transactionId, String coordinatorQueue, Protocol protocol) {

    /** Longest transaction id accepted (PostgreSQL gids hold 200 bytes; participants add a prefix). */
    public static final int MAX_ID_LENGTH = 120;

    public TransactionContext {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(coordinatorQueue, "coordinatorQueue");
        Objects.requireNonNull(protocol, "protocol");
        if (transactionId.isBlank() || transactionId.length() > MAX_ID_LENGTH) {
            throw new TransactionException(io.parley.common.ErrorCode.INVALID_ARGUMENT, "transaction id '" + transactionId
                    + "' must be 1.." + MAX_ID_LENGTH + " characters");
        }
        if (coordinatorQueue.isBlank()) {
            throw new TransactionException(io.parley.common.ErrorCode.INVALID_ARGUMENT, "coordinator queue must not be blank");
        }
    }
}
