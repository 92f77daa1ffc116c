package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The engine under test as one conformance class sees it: the running engine, brokers opened over
 * it, names no other test uses, and a restart over the same storage.
 *
 * <p>Created by {@link EngineExtension} once per conformance class; brokers a test opens are
 * closed after that test. Tests call it from their own thread; {@link #openBroker} may be called
 * from any thread.
 */
public final class TckEngine {

    private final EngineProvider provider;
    private final Path workDirectory;
    private final Path storageDirectory;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Broker> openBrokers = new ArrayList<>();
    private volatile Engine engine;

    TckEngine(EngineProvider provider, Path workDirectory) {
        this.provider = provider;
        this.workDirectory = workDirectory;
        this.storageDirectory = workDirectory.resolve("engine");
    }

    void start() {
        engine = provider.start(storageDirectory);
    }

    /** The running engine. */
    public Engine engine() {
        return engine;
    }

    /** The engine's name, as the provider gives it. */
    public String engineName() {
        return provider.name();
    }

    /** The capabilities the provider declares for the engine. */
    public Set<Capability> declaredCapabilities() {
        return provider.capabilities();
    }

    /** Opens a broker over the engine with a fresh client id and state directory; closed after the test. */
    public Broker openBroker() {
        return openBroker(UnaryOperator.identity());
    }

    /**
     * Opens a broker whose configuration starts from a fresh client id and state directory and is
     * then changed by {@code config}; closed after the test.
     */
    public Broker openBroker(UnaryOperator<BrokerConfig.Builder> config) {
        BrokerConfig.Builder builder = BrokerConfig.builder()
                .clientId(name("client"))
                .stateDirectory(newStateDirectory());
        Broker broker = Brokers.open(engine, config.apply(builder).build());
        synchronized (openBrokers) {
            openBrokers.add(broker);
        }
        return broker;
    }

    /** A new, empty directory for a broker's durable state. */
    public Path newStateDirectory() {
        try {
            return Files.createDirectories(workDirectory.resolve("state").resolve(name("state")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory under " + workDirectory, e);
        }
    }

    /**
     * A queue name, client id or topic word no other test of this run uses: {@code hint}, a run id
     * and a sequence number, joined by {@code -}.
     */
    public String name(String hint) {
        return hint + "-" + runId + "-" + sequence.incrementAndGet();
    }

    /**
     * Closes every broker opened so far, stops the engine and starts it again over the same
     * storage. Brokers opened before the restart are closed; open new ones.
     */
    public void restartEngine() {
        closeBrokers();
        engine = provider.restart(engine, storageDirectory);
    }

    /** Closes the brokers opened since the last call; rethrows the first failure after closing all. */
    void closeBrokers() {
        List<Broker> brokers;
        synchronized (openBrokers) {
            brokers = new ArrayList<>(openBrokers);
            openBrokers.clear();
        }
        RuntimeException failure = null;
        for (Broker broker : brokers) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void stop() {
        try {
            closeBrokers();
        } finally {
            Engine running = engine;
            engine = null;
            if (running != null) {
                running.close();
            }
        }
    }
}
