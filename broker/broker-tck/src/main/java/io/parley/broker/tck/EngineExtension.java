package io.parley.broker.tck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts one engine per conformance class (before its first test, over a fresh temporary storage
 * directory), hands tests the {@link TckEngine} as a parameter, closes the brokers each test opened
 * after it, and stops the engine and deletes its storage after the class. Stateless itself; the
 * {@link TckEngine} lives in the class's extension store.
 */
public final class EngineExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EngineExtension.class);
    private static final String ENGINE = "engine";
    private static final String DIRECTORY = "directory";

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        EngineProvider provider = EngineProviders.find(context);
        Path directory = Files.createTempDirectory("parley-tck-" + provider.name() + "-");
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(DIRECTORY, directory);
        TckEngine engine = new TckEngine(provider, directory);
        engine.start();
        store.put(ENGINE, engine);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TckEngine engine = context.getStore(NAMESPACE).get(ENGINE, TckEngine.class);
        if (engine != null) {
            engine.closeBrokers();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        TckEngine engine = store.remove(ENGINE, TckEngine.class);
        Path directory = store.remove(DIRECTORY, Path.class);
        try {
            if (engine != null) {
                engine.stop();
            }
        } finally {
            if (directory != null) {
                delete(directory);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TckEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TckEngine engine = context.getStore(NAMESPACE).get(ENGINE, TckEngine.class);
        if (engine == null) {
            throw new ParameterResolutionException("no engine is running for " + context.getUniqueId()
                    + ": TckEngine is available in tests and @BeforeEach/@AfterEach methods only");
        }
        return engine;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the engine's storage " + directory, e);
        }
    }
}
