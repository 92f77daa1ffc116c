package io.parley.naming.server;

import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.ResolutionMode;
import io.parley.naming.ZoneInfo;
import io.parley.naming.server.store.StorageConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The name server on real PostgreSQL: Flyway creates the schema, and zones, records and serials survive a restart. */
@Timeout(180)
class PostgresStorageTest {

    @TempDir
    static Path dir;
    static EmbeddedPostgres postgres;
    static StorageConfig storage;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
        storage = StorageConfig.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void shouldKeepZonesRecordsAndSerialsAcrossARestart() throws Exception {
        long serial;
        try (NamingServer server = NamingServer.start(NamingServerConfig.builder().zone("/").zone("/eu").storage(storage).build(),
                "localhost", 0)) {
            NamingClient client = NamingClient.of(server.url());
            client.bind(Name.parse("/eu/payments"), new NameRecord(RecordType.PARTICIPANT, List.of("queue:payments.2pc"), 30_000,
                    Map.of("db", "postgres")));
            client.bind(Name.parse("/eu/ledger"), NameRecord.of(RecordType.COORDINATOR, 30_000, "queue:ledger"));
            client.unbind(Name.parse("/eu/ledger"));
            serial = client.zones().stream().filter(z -> z.zone().equals("/eu")).findFirst().orElseThrow().serial();
            assertThat(serial).isEqualTo(3);
        }
        try (Connection connection = DriverManager.getConnection(storage.jdbcUrl(), "postgres", "");
             ResultSet applied = connection.createStatement().executeQuery(
                     "select count(*) from naming_schema_history where success and version = '1'")) {
            applied.next();
            assertThat(applied.getInt(1)).as("Flyway applied V1 on PostgreSQL").isEqualTo(1);
        }
        try (NamingServer again = NamingServer.start(NamingServerConfig.builder().zone("/").zone("/eu").storage(storage).build(),
                "localhost", 0)) {
            NamingClient client = NamingClient.of(again.url());
            ZoneInfo eu = client.zones().stream().filter(z -> z.zone().equals("/eu")).findFirst().orElseThrow();
            assertThat(eu.serial()).isEqualTo(serial);
            assertThat(eu.records()).isEqualTo(1);
            Answer payments = (Answer) client.resolve(Name.parse("/eu/payments"), ResolutionMode.ITERATIVE, List.of()).reply();
            assertThat(payments.record().type()).isEqualTo(RecordType.PARTICIPANT);
            assertThat(payments.record().attributes()).containsEntry("db", "postgres");
            assertThat(client.bind(Name.parse("/eu/ledger"), NameRecord.of(RecordType.COORDINATOR, 1, "q")).serial()).isEqualTo(serial + 1);
            assertThat(client.changes(Name.parse("/eu"), 1).changes()).extracting(c -> c.serial()).containsExactly(2L, 3L, 4L);
        }
    }
}
