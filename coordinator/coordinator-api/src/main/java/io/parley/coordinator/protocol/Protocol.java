package io.parley.coordinator.protocol;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;

import java.util.Arrays;

/** The commit protocols, by their name on the wire. */
public enum Protocol {
    TWO_PHASE("2pc");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Protocol fromWireName(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new TransactionException(ErrorCode.INVALID_ARGUMENT, "protocol '" + wireName + "' is not one of "
                        + Arrays.stream(values()).map(Protocol::wireName).toList()));
    }
}
