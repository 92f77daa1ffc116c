package io.parley.coordinator.protocol;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;

/** A message on a protocol queue is no valid protocol message; the text names the field and the value. */
public final class MalformedMessageException extends TransactionException {

    public MalformedMessageException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}
