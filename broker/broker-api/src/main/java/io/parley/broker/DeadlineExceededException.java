package io.parley.broker;

import io.parley.common.ErrorCode;

/** A reply, a sync point or a ticket was not reached before its deadline. Retriable. */
public class DeadlineExceededException extends BrokerException {

    public DeadlineExceededException(String message) {
        super(ErrorCode.DEADLINE_EXCEEDED, message);
    }

    public DeadlineExceededException(String message, Throwable cause) {
        super(ErrorCode.DEADLINE_EXCEEDED, message, cause);
    }
}
