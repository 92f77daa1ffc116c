package io.parley.broker;

import io.parley.common.ErrorCode;

/** The engine does not declare a capability the request needs (e.g. priorities on an engine without them). */
public class UnsupportedCapabilityException extends BrokerException {

    public UnsupportedCapabilityException(String message) {
        super(ErrorCode.UNSUPPORTED, message);
    }

    public UnsupportedCapabilityException(String message, Throwable cause) {
        super(ErrorCode.UNSUPPORTED, message, cause);
    }
}
