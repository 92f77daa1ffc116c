package io.parley.broker.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A program in a child JVM with this JVM's classpath, for the crash tests: its stdout and stderr go
 * to files the test reads; {@link #kill()} is SIGKILL. Not thread-safe.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ChildJvm start(Path workDirectory, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDirectory, mainClass.getSimpleName() + "-", ".out");
            Path err = Files.createTempFile(workDirectory, mainClass.getSimpleName() + "-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits up to {@code deadline} for a stdout line matching {@code pattern}; answers its first group. */
    String awaitLine(Pattern pattern, Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("child exited with " + process.exitValue() + "; stderr:\n" + read(stderr));
            }
            return find(pattern).isPresent();
        });
        return find(pattern).orElseThrow();
    }

    private Optional<String> find(Pattern pattern) {
        Matcher matcher = pattern.matcher(read(stdout));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** SIGKILL ({@code destroyForcibly} is {@code kill -9} on Linux): nothing in the child runs after it. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child pid " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
