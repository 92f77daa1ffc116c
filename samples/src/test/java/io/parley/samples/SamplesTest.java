package io.parley.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample runs to success on an embedded engine and prints what it promises. */
class SamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"producer-consumer", "request-reply", "ticket", "routing"})
    @Timeout(120)
    void sampleShouldSucceed(String sample) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Samples()).execute(sample);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        switch (sample) {
            case "producer-consumer" -> assertThat(printed).contains("every customer's orders arrived in FIFO order");
            case "request-reply" -> assertThat(printed).contains("blocking request -> rutabaga costs 24 EUR", "async request  -> kohlrabi costs 24 EUR");
            case "ticket" -> assertThat(printed).contains("collected: report for 'quarterly report Q3'");
            default -> assertThat(printed).contains("orders-eu  <- [{\"item\":\"rutabaga\"", "orders-us  <- [{\"item\":\"parsnip\"",
                    "reason: route 'import' transformation csv-to-json failed");
        }
    }

    @Test
    void listShouldNameEverySample() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new Samples()).execute("--list")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("producer-consumer", "request-reply", "ticket", "routing");
    }
}
