package io.parley.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The RPC samples run to success on an embedded engine and print what they promise; --list names them. */
class RpcSamplesTest {

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Samples()).execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    @Test
    @Timeout(120)
    void fileServiceShouldReadRutabagaRemotely() {
        assertThat(run("file-service")).contains(
                "list()              -> [rutabaga]",
                "read(\"rutabaga\")    -> Rutabaga (Brassica napobrassica): a root vegetable, the swede.",
                "read(\"turnip\")      -> NoSuchFileException: ",
                "append(\"log\", ...)  -> 1 line(s)");
    }

    @Test
    @Timeout(120)
    void calculatorShouldAnswerInEveryCallMode() {
        assertThat(run("calculator")).contains(
                "sync     add(1.5, 2.25)   = 3.75",
                "sync     divide(1, 0)     -> INVALID_ARGUMENT: divide(1.0, 0.0): division by zero",
                "async    add(i, 10i), i<5 = [0.0, 11.0, 22.0, 33.0, 44.0]",
                "deferred collected        = 265252859812191058636308480000000",
                "one-way  remember(40), remember(2); recall() = 42.0");
    }

    @Test
    void listShouldNameTheRpcSamples() {
        assertThat(run("--list")).contains("file-service", "calculator");
    }
}
