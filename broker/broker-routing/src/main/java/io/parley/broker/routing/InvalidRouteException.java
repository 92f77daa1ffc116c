package io.parley.broker.routing;

import io.parley.broker.BrokerException;
import io.parley.common.ErrorCode;

/**
 * A route definition breaks a rule: the message names the route, the key, the value and the rule
 * ({@code route 'orders-eu': key 'source' value 'queue:' is invalid: ...}). Fatal: the same
 * definition fails the same way.
 */
public class InvalidRouteException extends BrokerException {

    public InvalidRouteException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public InvalidRouteException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
