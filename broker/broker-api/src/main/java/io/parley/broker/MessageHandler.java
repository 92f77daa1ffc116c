package io.parley.broker;

/**
 * Handles delivered messages for {@link Broker#notify} and {@link Broker#subscribe}. A handler that
 * returns normally has processed the message; one that throws has failed it, and the consumer's
 * {@link DeliveryGuarantee} decides what happens next. Called from the consumer's own threads,
 * at most {@code concurrency} at a time.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Delivery delivery) throws Exception;
}
