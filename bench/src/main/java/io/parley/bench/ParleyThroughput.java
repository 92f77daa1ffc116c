package io.parley.bench;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;

import java.time.Duration;

/**
 * Parley's side of {@code broker-throughput}: one producer thread pipelining
 * {@code sendAsync(queue, message, STORED)} with a bounded number in flight, one
 * {@code notify} consumer with {@link DeliveryGuarantee#AT_LEAST_ONCE} counting arrivals.
 * Send completions may run on any client thread, which {@link SendWindow} allows.
 */
final class ParleyThroughput implements ThroughputSide {

    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final Broker broker;

    ParleyThroughput(Broker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "parley";
    }

    @Override
    public String description() {
        return "Parley broker client: sendAsync(queue, msg, SyncPoint.STORED) pipelined, "
                + "one notify() consumer, ConsumerOptions AT_LEAST_ONCE (ack after the handler), concurrency 1";
    }

    @Override
    public ThroughputRun run(String queue, int messages, byte[] payload, int window, Progress progress) throws Exception {
        Destination destination = Destination.queue(queue);
        Arrivals arrivals = new Arrivals(messages);
        SendWindow sends = new SendWindow(window, arrivals);
        Subscription consumer = broker.notify(queue, delivery -> arrivals.arrived(),
                ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));
        try {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                Message message = Message.of(payload, Message.OCTET_STREAM);
                long sendStart = sends.open();
                broker.sendAsync(destination, message, SyncPoint.STORED).whenComplete((receipt, failure) -> {
                    if (failure != null) {
                        sends.failed(failure);
                    } else {
                        sends.completed(sendStart);
                    }
                });
                if ((i & 1023) == 0) {
                    arrivals.checkFailure("parley send");
                }
            }
            long end = arrivals.awaitAll("parley", STALL_LIMIT, progress);
            sends.awaitAll("parley", STALL_LIMIT);
            return new ThroughputRun(messages, end - start, sends.lastCompletionNanos() - start, sends.latencyNanos());
        } finally {
            consumer.close();
        }
    }
}
