package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.nio.file.Path;

/**
 * What crash tests share: one embedded PostgreSQL with the two bank databases, and an embedded
 * Artemis (persistent, with a TCP acceptor) that child JVMs connect to. Lives in the test JVM, so
 * it survives every child that is killed.
 */
final class CrashFixture implements AutoCloseable {

    final TestPostgres postgres;
    final ArtemisEngine engine;
    final Broker broker;
    final String urlA;
    final String urlB;
    final Path dir;

    CrashFixture(Path dir) {
        this.dir = dir;
        postgres = TestPostgres.start(dir);
        urlA = postgres.createBank("bank_a", "alice", 1000);
        urlB = postgres.createBank("bank_b", "bob", 1000);
        engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).host("127.0.0.1").messagingPort(0).build());
        broker = Brokers.open(engine, BrokerConfig.builder().clientId("crash-test").nodeId("test").stateDirectory(dir.resolve("client")).build());
    }

    String brokerUrl() {
        return engine.messagingUrl();
    }

    long alice() {
        return TestPostgres.balance(urlA, "alice");
    }

    long bob() {
        return TestPostgres.balance(urlB, "bob");
    }

    long prepared() {
        return TestPostgres.prepared(urlA) + TestPostgres.prepared(urlB);
    }

    @Override
    public void close() throws Exception {
        broker.close();
        engine.close();
        postgres.close();
    }
}
