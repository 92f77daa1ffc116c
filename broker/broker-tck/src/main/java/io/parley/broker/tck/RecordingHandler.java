package io.parley.broker.tck;

import io.parley.broker.Delivery;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link MessageHandler} that records every call (the message, when, on which thread) and fails
 * the calls a test asks it to fail. Thread-safe: handlers run on the consumer's threads while the
 * test thread reads the record.
 */
final class RecordingHandler implements MessageHandler {

    /** One call of the handler. */
    record Call(Message message, Instant at, String thread) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Predicate<Call> failWhen;

    private RecordingHandler(Predicate<Call> failWhen) {
        this.failWhen = failWhen;
    }

    /** Records and succeeds. */
    static RecordingHandler recording() {
        return new RecordingHandler(call -> false);
    }

    /** Records, and fails every call for which {@code failWhen} holds. */
    static RecordingHandler failingWhen(Predicate<Call> failWhen) {
        return new RecordingHandler(failWhen);
    }

    /** Records and fails every call. */
    static RecordingHandler failingAlways() {
        return new RecordingHandler(call -> true);
    }

    @Override
    public void onMessage(Delivery delivery) {
        Call call = new Call(delivery.message(), Instant.now(), Thread.currentThread().getName());
        calls.add(call);
        if (failWhen.test(call)) {
            throw new IllegalStateException("handler failure the test asked for, message " + call.message().id()
                    + " delivery " + call.message().deliveryCount());
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Message> messages() {
        return calls.stream().map(Call::message).collect(Collectors.toList());
    }

    List<String> bodies() {
        return calls.stream().map(call -> call.message().bodyAsText()).collect(Collectors.toList());
    }

    /** How often the handler was called with the message whose body is {@code body}. */
    long callsWithBody(String body) {
        return calls.stream().filter(call -> call.message().bodyAsText().equals(body)).count();
    }

    int count() {
        return calls.size();
    }
}
