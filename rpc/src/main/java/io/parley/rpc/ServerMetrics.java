package io.parley.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-method server metrics:
 * <ul>
 *   <li>{@code parley.rpc.server.calls} (counter; tags service, method, status) — every call answered or run;</li>
 *   <li>{@code parley.rpc.server.errors} (counter; tags service, method, status) — the calls not OK;</li>
 *   <li>{@code parley.rpc.server.latency} (timer with a percentile histogram; tags service, method) —
 *       from taking the request to having the reply;</li>
 *   <li>{@code parley.rpc.server.duplicates} (counter; tags service, method) — copies answered from the
 *       executed-request table or joined to a running call;</li>
 *   <li>{@code parley.rpc.server.orphans} (counter; tags service) — calls abandoned for a newer caller epoch.</li>
 * </ul>
 * The meters of a (service, method, status) are registered once and cached: this sits on every call.
 * Thread-safe.
 */
final class ServerMetrics {

    private final MeterRegistry registry;
    private final Map<Key, Counter> calls = new ConcurrentHashMap<>();
    private final Map<Key, Counter> errors = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String service, String method, RpcStatus status, Duration latency) {
        Key key = new Key(service, method, status);
        calls.computeIfAbsent(key, k -> Counter.builder("parley.rpc.server.calls").description("RPC calls served")
                .tags("service", service, "method", method, "status", status.name()).register(registry)).increment();
        if (status != RpcStatus.OK) {
            errors.computeIfAbsent(key, k -> Counter.builder("parley.rpc.server.errors").description("RPC calls that failed")
                    .tags("service", service, "method", method, "status", status.name()).register(registry)).increment();
        }
        timers.computeIfAbsent(new Key(service, method, null), k -> Timer.builder("parley.rpc.server.latency")
                .description("time from taking an RPC request to having its reply")
                .tags("service", service, "method", method)
                .publishPercentileHistogram()
                .register(registry)).record(latency);
    }

    void duplicate(String service, String method) {
        Counter.builder("parley.rpc.server.duplicates").description("request copies answered from the executed-request table")
                .tags("service", service, "method", method).register(registry).increment();
    }

    void orphan(String service) {
        Counter.builder("parley.rpc.server.orphans").description("calls abandoned because their caller restarted")
                .tags("service", service).register(registry).increment();
    }

    /** A meter's tags; {@code status} null for the latency timer, which has none. */
    private record Key(String service, String method, RpcStatus status) {
    }
}
