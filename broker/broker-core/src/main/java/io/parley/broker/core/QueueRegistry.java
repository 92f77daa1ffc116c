package io.parley.broker.core;

import io.parley.broker.QueueOptions;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.QueueSpec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues this client has declared to the engine, with their options. A queue is declared once,
 * on first use, with the default options unless {@link #declare} set others. Thread-safe.
 */
final class QueueRegistry {

    private final Engine engine;
    private final QueueOptions defaults;
    private final Map<String, QueueOptions> declared = new ConcurrentHashMap<>();

    QueueRegistry(Engine engine, QueueOptions defaults) {
        this.engine = engine;
        this.defaults = defaults;
    }

    void declare(String queue, QueueOptions options) {
        engine.declareQueue(QueueSpec.durable(queue, options));
        declared.put(queue, options);
    }

    void ensure(String queue) {
        if (!declared.containsKey(queue)) {
            declared.computeIfAbsent(queue, q -> {
                engine.declareQueue(QueueSpec.durable(q, defaults));
                return defaults;
            });
        }
    }

    QueueOptions options(String queue) {
        return declared.getOrDefault(queue, defaults);
    }
}
