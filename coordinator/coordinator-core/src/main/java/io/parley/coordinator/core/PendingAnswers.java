package io.parley.coordinator.core;

import io.parley.coordinator.protocol.ProtocolMessage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the coordinator waits for (a vote or an ACK of one participant in one transaction),
 * keyed by transaction, participant and phase. A waiter registers before it sends, so an answer
 * can never arrive unexpected; an answer nobody waits for is late or duplicate. Thread-safe.
 */
final class PendingAnswers {

    enum Phase { VOTE, ACK }

    private record Key(String transactionId, String participant, Phase phase) {
    }

    private final Map<Key, CompletableFuture<ProtocolMessage>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<ProtocolMessage> expect(String transactionId, String participant, Phase phase) {
        CompletableFuture<ProtocolMessage> future = new CompletableFuture<>();
        waiting.put(new Key(transactionId, participant, phase), future);
        return future;
    }

    void forget(String transactionId, String participant, Phase phase, CompletableFuture<ProtocolMessage> future) {
        waiting.remove(new Key(transactionId, participant, phase), future);
    }

    /** Completes the waiter of this answer; false when nobody waits (late or duplicate). */
    boolean complete(ProtocolMessage answer, Phase phase) {
        CompletableFuture<ProtocolMessage> future = waiting.remove(new Key(answer.transactionId(), answer.participant(), phase));
        return future != null && future.complete(answer);
    }
}
