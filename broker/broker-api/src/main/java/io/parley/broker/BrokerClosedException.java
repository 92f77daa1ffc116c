package io.parley.broker;

import io.parley.common.ErrorCode;

/** The broker client was used after {@link Broker#close()}. */
public class BrokerClosedException extends BrokerException {

    public BrokerClosedException(String message) {
        super(ErrorCode.CLOSED, message);
    }

    public BrokerClosedException(String message, Throwable cause) {
        super(ErrorCode.CLOSED, message, cause);
    }
}
