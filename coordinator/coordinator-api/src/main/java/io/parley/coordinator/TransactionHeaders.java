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
 *   txEnlisted, txEnlistedQueue = a participant the initiator enlisted before sending (optional)
 *   txLastWork    = true: the participant gets no more work in this transaction, so it prepares at
 *                   once and carries its vote in its answer (optional; see {@link #lastWork})
 * </pre>
 */
public final class TransactionHeaders {

    public static final String TRANSACTION_ID = "txId";
    public static final String COORDINATOR = "txCoordinator";
    public static final String PROTOCOL = "txProtocol";
    public static final String ENLISTED = "txEnlisted";
    public static final String ENLISTED_QUEUE = "txEnlistedQueue";
    public static final String LAST_WORK = "txLastWork";

    private TransactionHeaders() {
    }

    /** Copies the context into {@code builder}'s headers. */
    public static Message.Builder inject(TransactionContext context, Message.Builder builder) {
        return builder.header(TRANSACTION_ID, context.transactionId())
                .header(COORDINATOR, context.coordinatorQueue())
                .header(PROTOCOL, context.protocol().wireName());
    }

    /**
     * Enlists {@code participant} in {@code transaction} here, at the initiator (the coordinator
     * knows it before this returns), then copies the context into {@code builder} with headers
     * saying so: the participant that takes the message needs no REGISTER round trip. A message that
     * never arrives leaves an enlisted participant without work, which votes abort.
     *
     * @throws TransactionException ABORTED when the transaction has already ended or timed out
     */
    public static Message.Builder injectEnlisted(GlobalTransaction transaction, ParticipantRef participant, Message.Builder builder) {
        transaction.enlist(participant);
        return inject(transaction.context(), builder).header(ENLISTED, participant.name()).header(ENLISTED_QUEUE, participant.queue());
    }

    /**
     * Marks a work request as the participant's last work in its transaction: the participant
     * prepares as soon as the work is done and carries its vote in its answer (an unsolicited
     * vote), which the initiator hands to {@link GlobalTransaction#takeVote}; the commit then sends
     * that participant no VOTE_REQUEST. A participant that ignores the mark is asked at commit as
     * usual; one that prepared takes no more work in the transaction.
     */
    public static Message.Builder lastWork(Message.Builder builder) {
        return builder.header(LAST_WORK, "true");
    }

    /** True when the message is marked as its participant's last work ({@link #lastWork}). */
    public static boolean isLastWork(Message message) {
        return message.header(LAST_WORK).filter("true"::equals).isPresent();
    }

    /** The participant the initiator enlisted before sending this message ({@link #injectEnlisted}), if any. */
    public static Optional<ParticipantRef> enlisted(Message message) {
        Optional<String> name = message.header(ENLISTED);
        Optional<String> queue = message.header(ENLISTED_QUEUE);
        return name.isPresent() && queue.isPresent() ? Optional.of(new ParticipantRef(name.get(), queue.get())) : Optional.empty();
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
