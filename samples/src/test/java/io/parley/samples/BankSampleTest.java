package io.parley.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
}
