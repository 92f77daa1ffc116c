package io.parley.coordinator.core;

import org.awaitility.core.ConditionTimeoutException;

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

import static org.awaitility.Awaitility.await;

/**
 * A program in a child JVM with this JVM's classpath, for tests that SIGKILL it. Its stdout and
 * stderr go to files the test reads. Not thread-safe.
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

    static ChildJvm start(Path workDirectory, List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDirectory);
            Path out = Files.createTempFile(workDirectory, mainClass.getSimpleName() + "-", ".out");
            Path err = Files.createTempFile(workDirectory, mainClass.getSimpleName() + "-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for a stdout line starting with {@code prefix} and returns it; fails if the child dies first. */
    String awaitLine(String prefix, Duration deadline) {
        try {
            awaitLine0(prefix, deadline);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("child did not print '" + prefix + "' within " + deadline.toSeconds() + " s; stdout:\n"
                    + stdout() + "\nstderr:\n" + stderr(), e);
        }
        return line(prefix).orElseThrow();
    }

    private void awaitLine0(String prefix, Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (line(prefix).isPresent()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("child exited with " + process.exitValue() + " before printing '" + prefix
                        + "'; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            return false;
        });
    }

    Optional<String> line(String prefix) {
        return stdout().lines().filter(l -> l.startsWith(prefix)).findFirst();
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
            throw new IllegalStateException(e);
        }
    }

    String stdout() {
        return read(stdout);
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
