package io.parley.broker.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.broker.Destination;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker client's meters, tagged by destination:
 * {@code parley.broker.sent}, {@code parley.broker.received}, {@code parley.broker.redelivered},
 * {@code parley.broker.dead.lettered}, {@code parley.broker.handler.failures} (counters),
 * {@code parley.broker.send.latency} (send to STORED) and {@code parley.broker.handler.latency} (timers).
 * Meters are registered once per destination and cached: this sits on every send and receive.
 * Thread-safe.
 */
final class BrokerMetrics {

    private final MeterRegistry registry;
    private final Map<String, Meters> byDestination = new ConcurrentHashMap<>();
    /** The same meters found by the {@link Destination} itself, so a send does not build its name. */
    private final Map<Destination, Meters> bySendDestination = new ConcurrentHashMap<>();

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(Destination destination, long toStoredNanos) {
        Meters meters = bySendDestination.get(destination);
        if (meters == null) {
            meters = meters(destination.toString());
            bySendDestination.putIfAbsent(destination, meters);
        }
        meters.sent.increment();
        meters.sendLatency.record(toStoredNanos, TimeUnit.NANOSECONDS);
    }

    void received(String source, int deliveryCount) {
        Meters meters = meters(source);
        meters.received.increment();
        if (deliveryCount > 1) {
            meters.redelivered.increment();
        }
    }

    void deadLettered(String source) {
        meters(source).deadLettered.increment();
    }

    void handled(String source, Duration took, boolean failed) {
        Meters meters = meters(source);
        meters.handlerLatency.record(took);
        if (failed) {
            meters.handlerFailures.increment();
        }
    }

    private Meters meters(String destination) {
        Meters meters = byDestination.get(destination);
        return meters != null ? meters : byDestination.computeIfAbsent(destination, d -> new Meters(registry, d));
    }

    /** The meters of one destination. */
    private static final class Meters {
        final Counter sent;
        final Counter received;
        final Counter redelivered;
        final Counter deadLettered;
        final Counter handlerFailures;
        final Timer sendLatency;
        final Timer handlerLatency;

        Meters(MeterRegistry registry, String destination) {
            sent = Counter.builder("parley.broker.sent").tag("destination", destination).register(registry);
            received = Counter.builder("parley.broker.received").tag("destination", destination).register(registry);
            redelivered = Counter.builder("parley.broker.redelivered").tag("destination", destination).register(registry);
            deadLettered = Counter.builder("parley.broker.dead.lettered").tag("destination", destination).register(registry);
            handlerFailures = Counter.builder("parley.broker.handler.failures").tag("destination", destination).register(registry);
            sendLatency = Timer.builder("parley.broker.send.latency").tag("destination", destination).register(registry);
            handlerLatency = Timer.builder("parley.broker.handler.latency").tag("destination", destination).register(registry);
        }
    }
}
