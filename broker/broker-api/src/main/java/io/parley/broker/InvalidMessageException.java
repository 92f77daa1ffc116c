package io.parley.broker;

import io.parley.common.ErrorCode;

/** A message field (priority, header name, time to live, ...) is outside its rule. */
public class InvalidMessageException extends BrokerException {

    public InvalidMessageException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
