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

    /**
     * The URL children connect with: a short connection TTL, so the server drops a SIGKILLed child's
     * consumers (and redelivers what they held) within seconds instead of Artemis's default minute.
     */
    String brokerUrl() {
        return engine.messagingUrl() + "?connectionTTL=5000&clientFailureCheckPeriod=1000";
    }

    /** Waits until the server has dropped the consumers of a killed child on {@code queues}. */
    void awaitNoConsumers(String... queues) {
        java.util.Set<String> names = java.util.Set.of(queues);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> broker.queues().stream()
                .filter(q -> names.contains(q.name())).allMatch(q -> q.consumers() == 0));
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
