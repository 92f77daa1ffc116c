package io.parley.coordinator.core;

import io.parley.broker.Delivery;
import io.parley.broker.Message;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.protocol.CoordinatorState;
import io.parley.coordinator.protocol.MalformedMessageException;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.Protocol;
import io.parley.coordinator.protocol.ProtocolMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Handles every message on the coordinator's queue: REGISTER (enlist, answered REGISTERED or
 * ERROR), votes and ACKs (to the waiting record; a late or duplicate one is logged and, for a vote
 * to commit in a transaction that aborted or is unknown, answered GLOBAL_ABORT), DECISION_REQUEST
 * (answered from memory, the object store, or with presumed abort; not answered while undecided),
 * and malformed messages (logged, answered ERROR where they name a reply queue). Never changes an
 * outcome. Called on the broker's consumer threads, concurrently.
 */
final class CoordinatorInbox {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorInbox.class);

    private final CoordinatorRuntime runtime;
    private final Function<String, Optional<NarayanaGlobalTransaction>> live;
    private final Predicate<String> logged;

    CoordinatorInbox(CoordinatorRuntime runtime, Function<String, Optional<NarayanaGlobalTransaction>> live, Predicate<String> logged) {
        this.runtime = runtime;
        this.live = live;
        this.logged = logged;
    }

    void onMessage(Delivery delivery) {
        ProtocolMessage message;
        try {
            message = ProtocolMessage.fromMessage(delivery.message());
        } catch (MalformedMessageException e) {
            LOG.warn("coordinator {}: malformed message {}: {}", runtime.queue(), delivery.message().id(), e.getMessage());
            answerMalformed(delivery, e.getMessage());
            return;
        }
        switch (message.type()) {
            case REGISTER -> onRegister(delivery, message);
            case VOTE_COMMIT, VOTE_ABORT -> onVote(message);
            case ACK -> onAck(message);
            case DECISION_REQUEST -> onDecisionRequest(message);
            case ERROR -> {
                runtime.registry.received(message, message.reason());
                LOG.warn("coordinator: participant {} reports an error about transaction {}: {}", message.participant(),
                        message.transactionId(), message.reason());
            }
            default -> {
                LOG.warn("coordinator: {} from {} is not a message a coordinator takes (transaction {}); answered ERROR",
                        message.type(), message.participant(), message.transactionId());
                runtime.sendQuietly(message.replyTo(), message.answer(MessageType.ERROR, runtime.queue())
                        .withReason(message.type() + " is not a message a coordinator takes"));
            }
        }
    }

    private void onRegister(Delivery delivery, ProtocolMessage message) {
        runtime.registry.received(message, "");
        Optional<NarayanaGlobalTransaction> tx = live.apply(message.transactionId());
        ProtocolMessage answer;
        if (tx.isEmpty()) {
            answer = message.answer(MessageType.ERROR, runtime.queue()).withReason("transaction '" + message.transactionId()
                    + "' is not active at coordinator " + runtime.queue() + " (unknown, ended or timed out)");
        } else {
            try {
                tx.get().enlist(new ParticipantRef(message.participant(), message.replyTo()));
                answer = message.answer(MessageType.REGISTERED, runtime.queue());
            } catch (RuntimeException e) {
                answer = message.answer(MessageType.ERROR, runtime.queue()).withReason(e.getMessage());
            }
        }
        if (answer.type() == MessageType.ERROR) {
            LOG.info("coordinator: REGISTER of {} in {} refused: {}", message.participant(), message.transactionId(), answer.reason());
        }
        reply(delivery, message, answer);
    }

    private void onVote(ProtocolMessage vote) {
        runtime.registry.received(vote, vote.reason());
        if (runtime.pending.complete(vote, PendingAnswers.Phase.VOTE)) {
            return;
        }
        Optional<CoordinatorState> state = runtime.registry.state(vote.transactionId());
        LOG.info("coordinator: late or duplicate {} from {} for transaction {} (state {})", vote.type(), vote.participant(),
                vote.transactionId(), state.map(Enum::name).orElse("unknown"));
        if (vote.type() != MessageType.VOTE_COMMIT) {
            return;
        }
        boolean aborted = state.map(s -> s == CoordinatorState.ABORT)
                .orElseGet(() -> live.apply(vote.transactionId()).isEmpty() && !logged.test(vote.transactionId()));
        if (aborted) {
            runtime.sendQuietly(vote.replyTo(), vote.answer(MessageType.GLOBAL_ABORT, runtime.queue())
                    .withReason("vote arrived after the decision abort"));
        }
    }

    private void onAck(ProtocolMessage ack) {
        runtime.registry.received(ack, "");
        if (!runtime.pending.complete(ack, PendingAnswers.Phase.ACK)) {
            LOG.debug("coordinator: ACK from {} for transaction {} that nobody waits for", ack.participant(), ack.transactionId());
        }
    }

    private void onDecisionRequest(ProtocolMessage ask) {
        runtime.registry.received(ask, "");
        String id = ask.transactionId();
        Optional<CoordinatorState> state = runtime.registry.state(id);
        MessageType answer;
        String why;
        if (state.isPresent() && state.get().isDecided()) {
            answer = state.get() == CoordinatorState.COMMIT ? MessageType.GLOBAL_COMMIT : MessageType.GLOBAL_ABORT;
            why = "decision " + state.get();
        } else if (state.isPresent() || live.apply(id).isPresent()) {
            LOG.info("coordinator: DECISION_REQUEST from {} for {}: not decided yet; the decision will be sent", ask.participant(), id);
            return;
        } else if (logged.test(id)) {
            runtime.registry.recovered(id, new ParticipantRef(ask.participant(), ask.replyTo()));
            answer = MessageType.GLOBAL_COMMIT;
            why = "decision commit found in the coordinator log";
        } else {
            answer = MessageType.GLOBAL_ABORT;
            why = "presumed abort: no decision logged for this transaction";
        }
        LOG.info("coordinator: DECISION_REQUEST from {} for {} answered {} ({})", ask.participant(), id, answer, why);
        runtime.sendQuietly(ask.replyTo(), ask.answer(answer, runtime.queue()).withReason(why));
    }

    private void answerMalformed(Delivery delivery, String reason) {
        Message m = delivery.message();
        ProtocolMessage error = new ProtocolMessage(MessageType.ERROR, ProtocolMessage.peekTransactionId(m).filter(s -> !s.isBlank())
                .map(s -> s.length() > 120 ? s.substring(0, 120) : s).orElse("unknown"), Protocol.TWO_PHASE,
                m.header(ProtocolMessage.PARTICIPANT).filter(s -> !s.isBlank()).orElse("unknown"), runtime.queue(), reason);
        if (m.replyTo().isPresent()) {
            safeReply(delivery, error);
        } else {
            m.header(ProtocolMessage.REPLY_TO).filter(q -> !q.isBlank()).ifPresent(q -> runtime.sendQuietly(q, error));
        }
    }

    private void reply(Delivery delivery, ProtocolMessage request, ProtocolMessage answer) {
        if (delivery.message().replyTo().isPresent()) {
            safeReply(delivery, answer);
        } else {
            runtime.sendQuietly(request.replyTo(), answer);
        }
    }

    private void safeReply(Delivery delivery, ProtocolMessage answer) {
        try {
            delivery.reply(answer.toMessage());
        } catch (RuntimeException e) {
            LOG.warn("coordinator: cannot answer {} to {}: {}", answer.type(), delivery.message().replyTo(), e.toString());
        }
    }
}
