package io.parley.bench;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * Parley's side of {@code broker-latency}: {@code send(queue, message, STORED)} from one thread,
 * one message at a time, received by one {@code notify} consumer with
 * {@link DeliveryGuarantee#AT_LEAST_ONCE}; the next send starts once the handler has run.
 */
final class ParleyLatency implements LatencySide {

    private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(30);

    private final Broker broker;

    ParleyLatency(Broker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "parley";
    }

    @Override
    public String description() {
        return "Parley broker client: send(queue, msg, SyncPoint.STORED), one notify() consumer, "
                + "ConsumerOptions AT_LEAST_ONCE (ack after the handler), concurrency 1";
    }

    @Override
    public LatencyRun run(String queue, int messages, byte[] payload, Progress progress) throws Exception {
        Destination destination = Destination.queue(queue);
        Handoff handoff = new Handoff();
        Histogram stored = new Histogram(3);
        Subscription consumer = broker.notify(queue, delivery -> handoff.arrived(),
                ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));
        try {
            for (int i = 0; i < messages; i++) {
                Message message = Message.of(payload, Message.OCTET_STREAM);
                handoff.sending();
                broker.send(destination, message, SyncPoint.STORED);
                stored.recordValue(System.nanoTime() - handoff.sendStartNanos());
                handoff.awaitArrival("parley", i, ARRIVAL_LIMIT);
            }
        } finally {
            consumer.close();
        }
        return new LatencyRun(handoff.endToEndNanos(), stored);
    }
}
