package io.parley.node;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** A node could not start: a port in use, a data directory it cannot write, a part that failed. */
public class NodeStartException extends ParleyException {

    public NodeStartException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
