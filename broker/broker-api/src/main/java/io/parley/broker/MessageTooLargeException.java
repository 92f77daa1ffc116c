package io.parley.broker;

import io.parley.common.ErrorCode;

/** A message body is larger than the configured {@code maxMessageBytes}. */
public class MessageTooLargeException extends BrokerException {

    public MessageTooLargeException(String message) {
        super(ErrorCode.MESSAGE_TOO_LARGE, message);
    }

    public MessageTooLargeException(String message, Throwable cause) {
        super(ErrorCode.MESSAGE_TOO_LARGE, message, cause);
    }
}
