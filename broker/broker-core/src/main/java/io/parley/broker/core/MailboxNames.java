package io.parley.broker.core;

/** Names of the queues the broker client keeps for itself. */
public final class MailboxNames {

    /** Prefix of every internal queue; {@code queues()} listings leave them out. */
    public static final String INTERNAL_PREFIX = "parley.";

    private MailboxNames() {
    }

    /** The durable mailbox where replies to {@code clientId}'s tickets wait. */
    public static String mailbox(String clientId) {
        return INTERNAL_PREFIX + "mailbox." + clientId;
    }

    /** The mailbox of one ticket, on engines that cannot pick a reply out of a shared mailbox (no selectors). */
    public static String ticketMailbox(String clientId, String ticketId) {
        return mailbox(clientId) + "." + ticketId;
    }

    /** The temporary queue where replies and sync notices for one client instance arrive. */
    public static String replies(String clientId, String instance) {
        return INTERNAL_PREFIX + "replies." + clientId + "." + instance;
    }
}
