package io.parley.rpc;

import io.parley.broker.Message;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deferred-synchronous call: the request is stored when the method returns, and the reply waits
 * in the caller's durable mailbox until collected with {@link #poll()} or {@link #await(Duration)}
 * — also by a restarted client: keep {@link #toString()} somewhere durable and get the ticket back
 * with {@link RpcClient#ticket(String, Type)} (the broker client must use the same client id, which
 * names the mailbox).
 *
 * <p>A reply is taken from the mailbox once; the ticket then remembers it. If no reply has come
 * {@value #GRACE_MILLIS} ms after the call's deadline, collecting fails with DEADLINE_EXCEEDED.
 * A failed call throws its {@link RpcException} from {@code poll} and {@code await}; a checked
 * exception the method declares arrives as a {@link RemoteErrorException} naming its type.
 * Thread-safe.
 */
public final class Ticket<T> {

    static final long GRACE_MILLIS = 5_000;

    private final io.parley.broker.Ticket brokerTicket;
    private final Instant deadline;
    private final Type valueType;
    private final RpcClient client;
    private Object value;
    private RuntimeException failure;
    private boolean collected;

    Ticket(io.parley.broker.Ticket brokerTicket, Instant deadline, Type valueType, RpcClient client) {
        this.brokerTicket = Objects.requireNonNull(brokerTicket, "brokerTicket");
        this.deadline = deadline;
        this.valueType = valueType;
        this.client = client;
    }

    /** The reply's value if it has arrived; never blocks. */
    public Optional<T> poll() {
        return await(Duration.ZERO);
    }

    /**
     * Waits up to {@code wait} for the reply.
     *
     * @return the value (empty also for a {@code null} value or a void method's reply: see {@link #isDone()})
     * @throws RpcException the call's failure
     */
    @SuppressWarnings("unchecked")
    public synchronized Optional<T> await(Duration wait) {
        if (!collected) {
            Optional<Message> reply = client.collect(brokerTicket, wait);
            if (reply.isPresent()) {
                try {
                    value = client.decodeTicketReply(reply.get(), valueType, this);
                } catch (RuntimeException e) {
                    failure = e;
                }
                collected = true;
            } else if (client.now().isAfter(deadline.plusMillis(GRACE_MILLIS))) {
                failure = new RpcException(RpcStatus.DEADLINE_EXCEEDED, "ticket " + this + ": no reply by deadline " + deadline
                        + " (+" + GRACE_MILLIS + " ms grace)");
                collected = true;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable((T) value);
    }

    /** Whether the reply has been collected (or the call failed). */
    public synchronized boolean isDone() {
        return collected;
    }

    public Instant deadline() {
        return deadline;
    }

    /** {@code MAILBOX/ID@DEADLINE_MILLIS}: what {@link RpcClient#ticket(String, Type)} parses. */
    @Override
    public String toString() {
        return brokerTicket + "@" + deadline.toEpochMilli();
    }

    static io.parley.broker.Ticket brokerTicket(String text) {
        int at = text.lastIndexOf('@');
        return io.parley.broker.Ticket.parse(at < 0 ? text : text.substring(0, at));
    }

    static Instant deadline(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "ticket '" + text + "' is not of the form MAILBOX/ID@DEADLINE_MILLIS");
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "ticket '" + text + "' has no deadline in milliseconds after '@'");
        }
    }
}
