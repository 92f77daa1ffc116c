package io.parley.broker.routing;

import io.parley.broker.BrokerException;
import io.parley.common.ErrorCode;

/**
 * A message a {@link Transformation} cannot handle (a body that is not valid JSON, a CSV row with the
 * wrong number of columns, a field path through a value that is not an object). Fatal for that
 * message: the router dead-letters it with this message as the reason.
 */
public class TransformationException extends BrokerException {

    public TransformationException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public TransformationException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
