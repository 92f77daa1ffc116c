package io.parley.broker;

import io.parley.common.ErrorCode;

/** A queue or topic name breaks {@link Destination#NAME_RULE}, or a pattern is used where a plain name is needed. */
public class InvalidDestinationException extends BrokerException {

    public InvalidDestinationException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public InvalidDestinationException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
