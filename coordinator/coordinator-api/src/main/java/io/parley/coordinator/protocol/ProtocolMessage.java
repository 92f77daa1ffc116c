package io.parley.coordinator.protocol;

import io.parley.broker.Message;
import io.parley.coordinator.TransactionContext;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One protocol message and its wire form: an empty-bodied broker message whose headers hold the
 * fields. Immutable. Protocol messages are TRANSIENT: durability lives in the coordinator's and the
 * participants' logs, and every loss (a broker crash) is repaired by the protocol itself — a lost
 * VOTE_REQUEST or vote ends in abort by the vote timeout, a lost decision is replayed by recovery or
 * asked for with DECISION_REQUEST, a lost ACK makes recovery send the decision again.
 *
 * <pre>
 *   txMessage     = VOTE_REQUEST | VOTE_COMMIT | ... (MessageType)
 *   txId          = global transaction id
 *   txProtocol    = 2pc
 *   txParticipant = participant name
 *   txReplyTo     = queue the answer goes to (coordinator queue, or the participant's queue)
 *   txReason      = optional text (why a vote is ABORT, what an ERROR is about)
 * </pre>
 */
public record ProtocolMessage(MessageType type, String transactionId, Protocol protocol, String participant,
                              String replyTo, String reason) {

    public static final String TYPE = "txMessage";
    public static final String TRANSACTION_ID = "txId";
    public static final String PROTOCOL = "txProtocol";
    public static final String PARTICIPANT = "txParticipant";
    public static final String REPLY_TO = "txReplyTo";
    public static final String REASON = "txReason";
    /** Longest reason carried; longer ones are cut. */
    public static final int MAX_REASON_LENGTH = 1000;

    public ProtocolMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(replyTo, "replyTo");
        reason = reason == null ? "" : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }

    public static ProtocolMessage of(MessageType type, TransactionContext context, String participant, String replyTo) {
        return new ProtocolMessage(type, context.transactionId(), context.protocol(), participant, replyTo, "");
    }

    public ProtocolMessage withReason(String newReason) {
        return new ProtocolMessage(type, transactionId, protocol, participant, replyTo, newReason);
    }

    /** A message of {@code answerType} about the same transaction and participant, answered to {@code answerReplyTo}. */
    public ProtocolMessage answer(MessageType answerType, String answerReplyTo) {
        return new ProtocolMessage(answerType, transactionId, protocol, participant, answerReplyTo, "");
    }

    public Message toMessage() {
        return into(Message.builder().body(new byte[0], Message.OCTET_STREAM).persistent(false)).build();
    }

    /**
     * Writes this message's fields into another message's headers: how a participant carries its
     * vote in its answer to the initiator's work (see {@link #carriedBy}).
     */
    public Message.Builder into(Message.Builder builder) {
        builder.header(TYPE, type.name()).header(TRANSACTION_ID, transactionId).header(PROTOCOL, protocol.wireName())
                .header(PARTICIPANT, participant).header(REPLY_TO, replyTo);
        if (!reason.isEmpty()) {
            builder.header(REASON, reason);
        }
        return builder;
    }

    /**
     * The protocol message another message carries in its headers ({@link #into}), if it carries
     * one; one that carries a malformed one is refused naming the header.
     *
     * @throws MalformedMessageException when the type header is present but the fields are not valid
     */
    public static Optional<ProtocolMessage> carriedBy(Message message) {
        return message.header(TYPE).isPresent() ? Optional.of(fromMessage(message)) : Optional.empty();
    }

    /** Decodes a broker message; anything missing or out of its rule is refused naming the header and value. */
    public static ProtocolMessage fromMessage(Message message) {
        String typeName = required(message, TYPE);
        MessageType type = Arrays.stream(MessageType.values()).filter(t -> t.name().equals(typeName)).findFirst()
                .orElseThrow(() -> new MalformedMessageException("header '" + TYPE + "' = '" + typeName + "' is not one of "
                        + Arrays.toString(MessageType.values())));
        String id = required(message, TRANSACTION_ID);
        if (id.length() > TransactionContext.MAX_ID_LENGTH) {
            throw new MalformedMessageException("header '" + TRANSACTION_ID + "' is " + id.length() + " characters, more than "
                    + TransactionContext.MAX_ID_LENGTH);
        }
        String protocolName = message.header(PROTOCOL).orElse(Protocol.TWO_PHASE.wireName());
        Protocol protocol;
        try {
            protocol = Protocol.fromWireName(protocolName);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("header '" + PROTOCOL + "': " + e.getMessage());
        }
        return new ProtocolMessage(type, id, protocol, required(message, PARTICIPANT), required(message, REPLY_TO),
                message.header(REASON).orElse(""));
    }

    /** The type header of a message that may be malformed otherwise, for error answers. */
    public static Optional<String> peekTransactionId(Message message) {
        return message.header(TRANSACTION_ID);
    }

    private static String required(Message message, String header) {
        String value = message.header(header).orElse("");
        if (value.isBlank()) {
            throw new MalformedMessageException("header '" + header + "' is missing or blank in message " + message.id());
        }
        return value;
    }
}
