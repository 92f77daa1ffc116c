package io.parley.broker;

/** What a completed send reports: the message's id and the sync point it reached. */
public record SendReceipt(String messageId, SyncPoint syncPoint) {
}
