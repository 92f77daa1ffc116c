package io.parley.samples;

import io.parley.naming.RecordType;
import io.parley.naming.Resolver;
import io.parley.naming.server.NamingServer;
import io.parley.naming.server.NamingServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank sample runs on an embedded PostgreSQL and engine: some transfers commit, some abort, money is conserved. */
class BankSampleTest {

    @Test
    @Timeout(180)
    void shouldConserveMoneyAcrossCommittedAndAbortedTransfers() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Samples()).execute("bank", "--transfers", "12");
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("-> COMMITTED", "-> ABORTED", "total 200; ", "money conserved");
    }

    @Test
    @Timeout(180)
    void shouldFindTheBanksAndTheCoordinatorByNameAndConserveMoney(@TempDir Path dir) throws Exception {
        try (NamingServer naming = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir).build(), "localhost", 0)) {
            // Narayana allows one coordinator configuration per JVM: the sample runs in its own JVM, as a user runs it
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Samples.class.getName(),
                    "bank", "--transfers", "12", "--naming", naming.url())
                    .redirectErrorStream(true).start();
            String printed;
            int exit;
            try {
                printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                exit = process.waitFor();
            } finally {
                process.destroyForcibly();
            }
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("found bank a by name: participant bank-a (queue bank.a.tx), work queue bank.a",
                    "found bank b by name: participant bank-b (queue bank.b.tx), work queue bank.b",
                    "registered coordinator bank-driver; found by name at queue ",
                    "-> COMMITTED", "-> ABORTED", "total 200; ", "money conserved");

            Resolver resolver = Resolver.of(naming.url());
            assertThat(resolver.resolve("/transactions/participants/bank-a").record().addresses()).containsExactly("bank.a.tx");
            assertThat(resolver.resolve("/services/bank/b").record().addresses()).containsExactly("bank.b");
            assertThat(resolver.resolve("/transactions/coordinators/bank-driver").record().type()).isEqualTo(RecordType.COORDINATOR);
        }
    }
}
