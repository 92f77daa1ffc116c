package io.parley.rpc;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded Artemis engine with persistence on (journal synced) for one test class, and the
 * broker clients opened over it. Close it in {@code @AfterAll}.
 */
final class TestEngine implements AutoCloseable {

    private final ArtemisEngine engine;
    private final Path directory;
    private final List<Broker> brokers = new ArrayList<>();

    TestEngine(Path directory) {
        this.directory = directory;
        this.engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(directory.resolve("journal"))
                .messagingPort(0).build());
        engine.start();
    }

    /** The engine's TCP URL, for child JVMs. */
    String messagingUrl() {
        return engine.messagingUrl();
    }

    Broker broker(String clientId) {
        Broker broker = Brokers.open(engine, BrokerConfig.builder().clientId(clientId)
                .stateDirectory(directory.resolve("broker-state").resolve(clientId)).consumerPrefetch(1).build());
        brokers.add(broker);
        return broker;
    }

    @Override
    public void close() {
        brokers.forEach(Broker::close);
        engine.close();
    }
}
