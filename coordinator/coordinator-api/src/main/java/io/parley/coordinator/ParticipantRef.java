package io.parley.coordinator;

import io.parley.common.ErrorCode;

import java.util.Objects;
import java.util.regex.Pattern;

/** A participant of global transactions: its unique name and the queue its protocol messages go to. */
public record ParticipantRef(String name, String queue) {

    public static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,39}";
    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    public ParticipantRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queue, "queue");
        if (!NAME.matcher(name).matches()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "participant name '" + name + "' does not match " + NAME_RULE);
        }
        if (queue.isBlank()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "participant '" + name + "': queue must not be blank");
        }
    }
}
