package io.parley.broker.gateway;

/** The HTTP header names of the gateway's contract. */
public final class GatewayHeaders {

    /** On send: {@code true} (default) for a persistent message, {@code false} for a transient one. */
    public static final String PERSISTENT = "Parley-Persistent";
    /** On send: the priority, 0..9. */
    public static final String PRIORITY = "Parley-Priority";
    /** On send: time to live in milliseconds; the message expires undelivered after it. */
    public static final String TTL_MS = "Parley-TTL-Ms";
    /** On send: the key duplicate sends are suppressed by. */
    public static final String DEDUP_ID = "Parley-Dedup-Id";
    /** On send: the group key (per-group FIFO under competing consumers). */
    public static final String GROUP = "Parley-Group";
    /** On send: the sync point the answer waits for: {@code submitted}, {@code stored} (default) or {@code delivered}. */
    public static final String SYNC = "Parley-Sync";
    /** On send: how long the answer waits for the sync point, in milliseconds (default 30000). */
    public static final String SYNC_TIMEOUT_MS = "Parley-Sync-Timeout-Ms";
    /** On receive: the message's id. */
    public static final String MESSAGE_ID = "Parley-Message-Id";
    /** On receive: how many times the message has been delivered, this delivery included. */
    public static final String DELIVERY_COUNT = "Parley-Delivery-Count";
    /** On receive: the receipt that acknowledges the delivery ({@code DELETE .../receipts/{receipt}}). */
    public static final String RECEIPT = "Parley-Receipt";

    private GatewayHeaders() {
    }
}
