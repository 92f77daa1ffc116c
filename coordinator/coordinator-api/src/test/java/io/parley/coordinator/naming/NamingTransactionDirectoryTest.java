package io.parley.coordinator.naming;

import io.parley.common.ErrorCode;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionException;
import io.parley.naming.Resolver;
import io.parley.naming.WriteResult;
import io.parley.naming.server.NamingServer;
import io.parley.naming.server.NamingServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Participants and coordinators registered in and looked up from a real name server (H2-backed, over HTTP). */
@Timeout(60)
class NamingTransactionDirectoryTest {

    @TempDir
    static Path dir;
    static NamingServer server;
    static Resolver resolver;
    static NamingTransactionDirectory directory;

    @BeforeAll
    static void start() {
        server = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir).build(), "localhost", 0);
        resolver = Resolver.of(server.url());
        directory = NamingTransactionDirectory.of(resolver);
    }

    @AfterAll
    static void stop() {
        resolver.close();
        server.close();
    }

    @Test
    void shouldFindARegisteredParticipantAndCoordinator() {
        WriteResult written = directory.register(new ParticipantRef("bank-a", "tx.participant.bank-a"), 60_000);
        assertThat(written.name()).isEqualTo("/transactions/participants/bank-a");
        directory.registerCoordinator("tm.eu", "tx.coordinator.eu", 60_000);

        try (Resolver other = Resolver.of(server.url())) {
            NamingTransactionDirectory elsewhere = NamingTransactionDirectory.of(other);
            assertThat(elsewhere.participant("bank-a")).isEqualTo(new ParticipantRef("bank-a", "tx.participant.bank-a"));
            assertThat(elsewhere.coordinatorQueue("tm.eu")).isEqualTo("tx.coordinator.eu");
        }
    }

    @Test
    void shouldSayWhenAParticipantIsNotRegistered() {
        assertThatThrownBy(() -> directory.participant("bank-z"))
                .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("participant 'bank-z' is not registered");
        directory.registerCoordinator("tm-2", "tx.coordinator.2", 60_000);
        assertThatThrownBy(() -> new NamingTransactionDirectory(resolver, "/transactions").coordinatorQueue("tm-3"))
                .hasMessageContaining("coordinator 'tm-3' is not registered");
    }

    @Test
    void shouldRefuseANameThatIsNoLabel() {
        assertThatThrownBy(() -> directory.participant("bank_a"))
                .isInstanceOfSatisfying(TransactionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("label 'bank_a'");
    }
}
