package io.parley.broker.spi;

import io.parley.broker.Message;

import java.util.Objects;
import java.util.function.Function;

/**
 * A message's body as the array the message holds, for engines whose client library takes a
 * {@code byte[]} (Kafka's producer). {@link Message#body()} returns a copy to keep the message
 * immutable; a send that only reads the body need not pay for one per message. The array is the
 * message's own: an engine reads it and never writes to it, nor hands it to code that might.
 *
 * <p>{@link Message}'s class initialiser installs the reader (the JDK's "shared secrets" pattern):
 * the field stays private to {@code Message}, and applications keep using {@link Message#body()} or
 * {@link Message#bodyBuffer()}. Thread-safe.
 */
public final class MessageBodies {

    private static volatile Function<Message, byte[]> reader;

    private MessageBodies() {
    }

    /** The body array of {@code message} itself, not a copy; never modify it. */
    public static byte[] array(Message message) {
        Objects.requireNonNull(message, "message");
        // a Message exists, so its class initialiser has run and installed the reader
        return reader.apply(message);
    }

    /**
     * Called once, by {@link Message}'s class initialiser.
     *
     * @throws IllegalStateException if a reader is installed already
     */
    public static synchronized void install(Function<Message, byte[]> bodyReader) {
        if (reader != null) {
            throw new IllegalStateException("the message body reader is installed already");
        }
        reader = Objects.requireNonNull(bodyReader, "bodyReader");
    }
}
