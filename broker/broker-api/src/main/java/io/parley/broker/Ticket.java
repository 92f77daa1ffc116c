package io.parley.broker;

import java.util.Objects;

/**
 * A deferred-synchronous request: submitted now, its reply collected later from the client's
 * durable mailbox — also by a restarted client, given the ticket. A ticket is a value; keep
 * {@link #toString()} somewhere durable and {@link #parse(String)} it after a restart.
 *
 * @param id      the request's message id, which the reply carries as its correlation id
 * @param mailbox the durable queue the reply waits in
 */
public record Ticket(String id, String mailbox) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Destination.queue(mailbox);
    }

    @Override
    public String toString() {
        return mailbox + "/" + id;
    }

    public static Ticket parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new InvalidMessageException("ticket '" + text + "' is not of the form MAILBOX/ID");
        }
        return new Ticket(text.substring(slash + 1), text.substring(0, slash));
    }
}
