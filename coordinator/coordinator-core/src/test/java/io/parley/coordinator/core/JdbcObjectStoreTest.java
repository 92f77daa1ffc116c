package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.coordinator.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's log in PostgreSQL (Narayana's JDBC store) instead of files. */
class JdbcObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldCommitWithItsDecisionLogInPostgresql() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(dir)) {
            String urlA = postgres.createBank("bank_a", "alice", 100);
            String urlB = postgres.createBank("bank_b", "bob", 100);
            TestPostgres.exec(postgres.url("postgres"), "CREATE DATABASE txlog");
            ArtemisEngine engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).messagingPort(0).build());
            try (Broker broker = Brokers.openOwning(engine, BrokerConfig.builder().clientId("jdbc-store").stateDirectory(dir.resolve("c")).build());
                 BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(broker, CoordinatorConfig.builder()
                         .nodeId("jdbc-test").objectStoreDirectory(dir.resolve("store")).jdbcStore(postgres.url("txlog"), "postgres", null)
                         .build(), Clock.systemUTC());
                 BankService a = new BankService(broker, "a", urlA, dir.resolve("a.log"), Duration.ofSeconds(1));
                 BankService b = new BankService(broker, "b", urlB, dir.resolve("b.log"), Duration.ofSeconds(1))) {

                Outcome outcome = Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", 30).outcome();

                assertThat(outcome.status()).isEqualTo(Outcome.Status.COMMITTED);
                assertThat(TestPostgres.balance(urlA, "alice")).isEqualTo(70);
                assertThat(TestPostgres.balance(urlB, "bob")).isEqualTo(130);
                assertThat(TestPostgres.queryLong(postgres.url("txlog"),
                        "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'parley_jdbc_test_%'")).isPositive();
                assertThat(coordinator.loggedTransactions()).isEmpty();
            }
        }
    }
}
