package io.parley.broker;

/**
 * Headers the broker itself sets on messages. Their names start with {@code parley_}, which
 * applications may not use.
 */
public final class BrokerHeaders {

    /** On a dead-lettered message: why it was dead-lettered. */
    public static final String DEAD_LETTER_REASON = "parley_dead_letter_reason";
    /** On a dead-lettered message: the queue it came from. */
    public static final String ORIGINAL_QUEUE = "parley_original_queue";
    /** On a message sent at DELIVERED or PROCESSED: the queue the receiver sends the sync notice to. */
    public static final String SYNC_NOTIFY = "parley_sync_notify";
    /** On a message sent at DELIVERED or PROCESSED: the sync point the sender waits for. */
    public static final String SYNC_POINT = "parley_sync_point";
    /** On a sync notice: the sync point it reports. */
    public static final String SYNC_NOTICE = "parley_sync_notice";
    /** On a message a route produced: the name of the route. */
    public static final String ROUTE = "parley_route";
    /** On a reply sent to a ticket's mailbox: the ticket id, so that a selector can pick the reply out. */
    public static final String TICKET = "parley_ticket";
    /** On a request: the deadline (epoch milliseconds) after which no reply is awaited. */
    public static final String DEADLINE = "parley_deadline";

    private BrokerHeaders() {
    }
}
