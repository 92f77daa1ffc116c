package io.parley.broker;

import io.parley.common.ErrorCode;

/** The engine is unreachable, stopping, or refuses writes (e.g. its disk is full). Retriable. */
public class BrokerUnavailableException extends BrokerException {

    public BrokerUnavailableException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
