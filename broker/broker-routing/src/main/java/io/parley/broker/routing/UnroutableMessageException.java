package io.parley.broker.routing;

import io.parley.broker.BrokerException;
import io.parley.common.ErrorCode;

/**
 * Content-based routing found no target for a message: the header or body field it routes on is
 * missing, or its value matches no case, and the route has no {@code otherwise} target. Fatal for
 * that message: the router dead-letters it with this message as the reason.
 */
public class UnroutableMessageException extends BrokerException {

    public UnroutableMessageException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}
