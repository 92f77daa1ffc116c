package io.parley.coordinator;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** A global transaction could not do what was asked; the code says whether retrying may help. */
public class TransactionException extends ParleyException {

    public TransactionException(ErrorCode code, String message) {
        super(code, message);
    }

    public TransactionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
