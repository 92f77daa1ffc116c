package io.parley.broker;

/**
 * The engine's store refuses writes: a memory or disk limit is reached. Retriable once consumers
 * catch up, but the broker client does not retry it by itself — the caller learns at once (HTTP 503).
 */
public class StoreFullException extends BrokerUnavailableException {

    public StoreFullException(String message) {
        super(message);
    }

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
