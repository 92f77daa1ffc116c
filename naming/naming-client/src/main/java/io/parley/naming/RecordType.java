package io.parley.naming;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a leaf record names. A {@link #DELEGATION} hands the subtree below its name to other name servers. */
public enum RecordType {
    QUEUE, TOPIC, SERVICE, PARTICIPANT, COORDINATOR, HOST, TEXT, DELEGATION;

    /** The type's name on the wire and in the CLI: lower case ({@code queue}, {@code delegation}). */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (case-insensitive); throws {@link InvalidNameException} listing the types. */
    @JsonCreator
    public static RecordType of(String text) {
        for (RecordType type : values()) {
            if (type.wireName().equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new InvalidNameException("record type '" + text + "' is not one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(RecordType::wireName).collect(Collectors.joining(", ", "[", "]"));
    }
}
