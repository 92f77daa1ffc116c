package io.parley.coordinator;

import io.parley.broker.Message;
import io.parley.coordinator.protocol.Protocol;

import java.util.Map;
import java.util.Optional;

/**
 * Carries a {@link TransactionContext} in message headers, so any transport that moves headers
 * (broker messages today, RPC requests through an interceptor later) propagates it. Stateless.
 *
 * <pre>
 *   txId          = global transaction id
 *   txCoordinator = queue of the coordinator that decides it
 *   txProtocol    = 2pc | 3pc
 * </pre>
 */
public final class TransactionHeaders {

    public static final String TRANSACTION_ID = "txId";
    public static final String COORDINATOR = "txCoordinator";
    public static final String PROTOCOL = "txProtocol";

    private TransactionHeaders() {
    }

    /** Copies the context into {@code builder}'s headers. */
    public static Message.Builder inject(TransactionContext context, Message.Builder builder) {
        return builder.header(TRANSACTION_ID, context.transactionId())
                .header(COORDINATOR, context.coordinatorQueue())
                .header(PROTOCOL, context.protocol().wireName());
    }

    /** Copies the context into a header map (for transports other than broker messages). */
    public static void inject(TransactionContext context, Map<String, String> headers) {
        headers.put(TRANSACTION_ID, context.transactionId());
        headers.put(COORDINATOR, context.coordinatorQueue());
        headers.put(PROTOCOL, context.protocol().wireName());
    }

    /** The context a message carries, if any; a half or malformed context is refused naming the header. */
    public static Optional<TransactionContext> extract(Message message) {
        return extract(message.headers());
    }

    public static Optional<TransactionContext> extract(Map<String, String> headers) {
        String id = headers.get(TRANSACTION_ID);
        String coordinator = headers.get(COORDINATOR);
        if (id == null && coordinator == null) {
            return Optional.empty();
        }
        if (id == null || coordinator == null) {
            throw new TransactionException(io.parley.common.ErrorCode.INVALID_ARGUMENT, "transaction context needs both headers '"
                    + TRANSACTION_ID + "' and '" + COORDINATOR + "'; got " + TRANSACTION_ID + "=" + id + ", " + COORDINATOR + "=" + coordinator);
        }
        String protocol = headers.getOrDefault(PROTOCOL, Protocol.TWO_PHASE.wireName());
        return Optional.of(new TransactionContext(id, coordinator, Protocol.fromWireName(protocol)));
    }
}
