package io.parley.broker.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.broker.Destination;

import java.time.Duration;

/**
 * The broker client's meters, tagged by destination:
 * {@code parley.broker.sent}, {@code parley.broker.received}, {@code parley.broker.redelivered},
 * {@code parley.broker.dead.lettered}, {@code parley.broker.handler.failures} (counters),
 * {@code parley.broker.send.latency} (send to STORED) and {@code parley.broker.handler.latency} (timers).
 * Thread-safe.
 */
final class BrokerMetrics {

    private final MeterRegistry registry;

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(Destination destination, Duration toStored) {
        Counter.builder("parley.broker.sent").tag("destination", destination.toString()).register(registry).increment();
        Timer.builder("parley.broker.send.latency").tag("destination", destination.toString())
                .publishPercentiles(0.5, 0.99).register(registry).record(toStored);
    }

    void received(String source, int deliveryCount) {
        Counter.builder("parley.broker.received").tag("destination", source).register(registry).increment();
        if (deliveryCount > 1) {
            Counter.builder("parley.broker.redelivered").tag("destination", source).register(registry).increment();
        }
    }

    void deadLettered(String source) {
        Counter.builder("parley.broker.dead.lettered").tag("destination", source).register(registry).increment();
    }

    void handled(String source, Duration took, boolean failed) {
        Timer.builder("parley.broker.handler.latency").tag("destination", source).register(registry).record(took);
        if (failed) {
            Counter.builder("parley.broker.handler.failures").tag("destination", source).register(registry).increment();
        }
    }
}
