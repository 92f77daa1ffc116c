package io.parley.broker.core;

import io.parley.broker.QueueOptions;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.QueueSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues this client has declared to the engine, with their options. A queue is declared once,
 * on first use, with the default options unless {@link #declare} set others. Thread-safe.
 */
final class QueueRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRegistry.class);

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

    /** Deletes the queue from the engine; a failure is logged, the queue is left for the operator. */
    void delete(String queue) {
        declared.remove(queue);
        try {
            engine.deleteQueue(queue);
        } catch (RuntimeException e) {
            LOG.warn("queue '{}' could not be deleted: {}", queue, e.toString());
        }
    }

    QueueOptions options(String queue) {
        return declared.getOrDefault(queue, defaults);
    }
}
