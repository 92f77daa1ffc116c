package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/**
 * Limits of one gateway. Immutable; {@link #builder()} validates every value in one place and names
 * the key, the value and the allowed range on failure.
 *
 * @param maxMessageBytes        the largest request body accepted on send (413 above it)
 * @param maxOutstandingReceipts receipts (and long polls that may become one) held at once; 429 beyond
 * @param maxConcurrentPolls     receives waiting for a message at once, each on a poller thread; 429 beyond
 */
public record GatewayConfig(int maxMessageBytes, int maxOutstandingReceipts, int maxConcurrentPolls) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_OUTSTANDING_RECEIPTS = 1000;
    public static final int DEFAULT_MAX_CONCURRENT_POLLS = 64;

    public GatewayConfig {
        checkRange("maxMessageBytes", maxMessageBytes, 1, 100 * 1024 * 1024);
        checkRange("maxOutstandingReceipts", maxOutstandingReceipts, 1, 100_000);
        checkRange("maxConcurrentPolls", maxConcurrentPolls, 1, 1024);
    }

    public static GatewayConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void checkRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " " + value + " is out of range " + min + ".." + max);
        }
    }

    /** Builds a {@link GatewayConfig}; not thread-safe. */
    public static final class Builder {
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxOutstandingReceipts = DEFAULT_MAX_OUTSTANDING_RECEIPTS;
        private int maxConcurrentPolls = DEFAULT_MAX_CONCURRENT_POLLS;

        private Builder() {
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        public Builder maxOutstandingReceipts(int maxOutstandingReceipts) {
            this.maxOutstandingReceipts = maxOutstandingReceipts;
            return this;
        }

        public Builder maxConcurrentPolls(int maxConcurrentPolls) {
            this.maxConcurrentPolls = maxConcurrentPolls;
            return this;
        }

        public GatewayConfig build() {
            return new GatewayConfig(maxMessageBytes, maxOutstandingReceipts, maxConcurrentPolls);
        }
    }
}
