package io.parley.naming;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** A name or record breaks a rule; the message names the offending value and the rule. Not retriable. */
public final class InvalidNameException extends ParleyException {

    public InvalidNameException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}
