package io.parley.broker.tck;

import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;

import java.nio.file.Path;
import java.util.Set;

/**
 * How the TCK obtains the engine under test. An engine module implements it (usually as a static
 * nested class of its TCK test class, with a no-argument constructor) and names it with
 * {@link EngineUnderTest}.
 *
 * <p>The TCK calls {@link #start} once per conformance class with a fresh storage directory,
 * {@link #restart} when a test checks what survives a restart, and closes the engine after the
 * class. Called from JUnit's test thread only.
 */
public interface EngineProvider {

    /** The engine's short name, as skip reasons quote it; normally {@link Engine#name()}. */
    String name();

    /**
     * The capabilities the engine declares. The TCK decides which tests to skip from this set
     * before it starts an engine, and checks that the started engine declares the same.
     */
    Set<Capability> capabilities();

    /** Creates an engine that keeps its state under {@code storageDirectory}, and starts it. */
    Engine start(Path storageDirectory);

    /**
     * Stops {@code engine} and starts a new one over the same {@code storageDirectory}: what the
     * stopped engine persisted must be there again. The default closes it and calls {@link #start}.
     */
    default Engine restart(Engine engine, Path storageDirectory) {
        engine.close();
        return start(storageDirectory);
    }
}
