package io.parley.broker;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/**
 * Root of the broker's exceptions. The subclasses, and whether each is retriable:
 * <ul>
 *   <li>{@link InvalidDestinationException}, {@link InvalidMessageException} — bad input; fatal.</li>
 *   <li>{@link MessageTooLargeException} — a body above {@code maxMessageBytes}; fatal.</li>
 *   <li>{@link UnsupportedCapabilityException} — the engine cannot honour the request; fatal.</li>
 *   <li>{@link BrokerUnavailableException} — the engine is unreachable or refuses writes; retriable.
 *       {@link StoreFullException}, its subclass, says the store is full.</li>
 *   <li>{@link DeadlineExceededException} — a request, reply or sync point was not reached in time; retriable.</li>
 *   <li>{@link TransactionRolledBackException} — a local transaction was rolled back; retriable.</li>
 *   <li>{@link BrokerClosedException} — the client was closed; fatal.</li>
 * </ul>
 */
public class BrokerException extends ParleyException {

    public BrokerException(ErrorCode code, String message) {
        super(code, message);
    }

    public BrokerException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
