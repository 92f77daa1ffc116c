package io.parley.broker.core;

import io.parley.broker.Broker;
import io.parley.broker.spi.Engine;

/** Opens broker clients over engines. */
public final class Brokers {

    private Brokers() {
    }

    /**
     * Starts {@code engine} if needed and opens a client over it. The engine stays the caller's:
     * closing the client leaves it running (several clients may share one engine).
     */
    public static Broker open(Engine engine, BrokerConfig config) {
        engine.start();
        return new EngineBroker(engine, config, false);
    }

    /** Like {@link #open}, but closing the client also closes the engine. */
    public static Broker openOwning(Engine engine, BrokerConfig config) {
        engine.start();
        return new EngineBroker(engine, config, true);
    }
}
