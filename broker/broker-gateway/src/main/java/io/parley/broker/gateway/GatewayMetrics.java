package io.parley.broker.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.parley.broker.Destination;
import io.parley.broker.QueueInfo;
import io.parley.broker.SyncPoint;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The gateway's meters, in the registry the node scrapes:
 * <ul>
 *   <li>{@code parley.gateway.sends} (counter; kind, destination) — messages accepted over HTTP;</li>
 *   <li>{@code parley.gateway.send.latency} (timer; kind, sync) — request to the sync point;</li>
 *   <li>{@code parley.gateway.receives} (counter; queue) — messages handed out over HTTP;</li>
 *   <li>{@code parley.gateway.redeliveries} (counter; queue) — handed out again (delivery count above 1);</li>
 *   <li>{@code parley.gateway.visibility.expirations} (counter; queue) — receipts not acknowledged in time;</li>
 *   <li>{@code parley.gateway.acks} (counter; queue) — receipts acknowledged;</li>
 *   <li>{@code parley.queue.depth}, {@code parley.queue.consumers}, {@code parley.queue.dead.letters}
 *       (gauges; queue) — from the broker's queues, refreshed by {@link #refreshQueues}.</li>
 * </ul>
 * Thread-safe.
 */
final class GatewayMetrics {

    private final MeterRegistry registry;
    private final MultiGauge depths;
    private final MultiGauge consumers;
    private final MultiGauge deadLetters;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depths = MultiGauge.builder("parley.queue.depth").description("messages waiting in the queue").register(registry);
        this.consumers = MultiGauge.builder("parley.queue.consumers").description("consumers attached to the queue").register(registry);
        this.deadLetters = MultiGauge.builder("parley.queue.dead.letters").description("messages in the queue's dead-letter queue").register(registry);
    }

    void sent(Destination destination, SyncPoint syncPoint, Duration latency) {
        String kind = destination instanceof Destination.Queue ? "queue" : "topic";
        registry.counter("parley.gateway.sends", "kind", kind, "destination", destination.name()).increment();
        Timer.builder("parley.gateway.send.latency").description("time from the HTTP request to the sync point")
                .tags("kind", kind, "sync", syncPoint.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram().register(registry).record(latency);
    }

    void received(String queue, int deliveryCount) {
        registry.counter("parley.gateway.receives", "queue", queue).increment();
        if (deliveryCount > 1) {
            registry.counter("parley.gateway.redeliveries", "queue", queue).increment();
        }
    }

    void acknowledged(String queue) {
        registry.counter("parley.gateway.acks", "queue", queue).increment();
    }

    void visibilityExpired(String queue) {
        registry.counter("parley.gateway.visibility.expirations", "queue", queue).increment();
    }

    /** Sets the per-queue gauges from a snapshot of the queues; queues that vanished drop out. */
    void refreshQueues(List<QueueInfo> queues) {
        depths.register(queues.stream().map(q -> MultiGauge.Row.of(Tags.of("queue", q.name()), q.depth())).toList(), true);
        consumers.register(queues.stream().map(q -> MultiGauge.Row.of(Tags.of("queue", q.name()), q.consumers())).toList(), true);
        deadLetters.register(queues.stream().map(q -> MultiGauge.Row.of(Tags.of("queue", q.name()), q.deadLetters())).toList(), true);
    }
}
