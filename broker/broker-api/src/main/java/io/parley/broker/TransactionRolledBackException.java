package io.parley.broker;

import io.parley.common.ErrorCode;

/** A local transaction was rolled back; nothing it sent or acknowledged took effect. Retriable. */
public class TransactionRolledBackException extends BrokerException {

    public TransactionRolledBackException(String message) {
        super(ErrorCode.ABORTED, message);
    }

    public TransactionRolledBackException(String message, Throwable cause) {
        super(ErrorCode.ABORTED, message, cause);
    }
}
