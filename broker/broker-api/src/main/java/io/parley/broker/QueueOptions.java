package io.parley.broker;

/**
 * How a queue treats failed deliveries. A message delivered {@code maxDeliveries} times without
 * being acknowledged moves to the queue's dead-letter queue ({@code <queue>.DLQ}), with the reason
 * and the original queue in its headers.
 */
public record QueueOptions(int maxDeliveries, RedeliveryPolicy redelivery) {

    public static final int DEFAULT_MAX_DELIVERIES = 10;
    public static final QueueOptions DEFAULT = new QueueOptions(DEFAULT_MAX_DELIVERIES, RedeliveryPolicy.DEFAULT);

    public QueueOptions {
        if (maxDeliveries < 1 || maxDeliveries > 1000) {
            throw new IllegalArgumentException("maxDeliveries " + maxDeliveries + " is out of range 1..1000");
        }
        java.util.Objects.requireNonNull(redelivery, "redelivery");
    }

    public QueueOptions withMaxDeliveries(int maxDeliveries) {
        return new QueueOptions(maxDeliveries, redelivery);
    }

    public QueueOptions withRedelivery(RedeliveryPolicy redelivery) {
        return new QueueOptions(maxDeliveries, redelivery);
    }
}
