package io.parley.testing;

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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A program in a child JVM with this JVM's classpath, for crash tests: the test starts it, waits
 * for the line it prints when it reaches the point of interest, and kills it with SIGKILL
 * ({@link Process#destroyForcibly()} is {@code kill -9} on Linux, so nothing in the child runs
 * after it: no shutdown hook, no finally block, no flush).
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(logs, Worker.class, url)) {
 *     child.awaitLine("PREPARED ", Duration.ofSeconds(60));
 *     child.kill();
 * }
 * }</pre>
 *
 * <p>The child's stdout and stderr go to files under the given directory, which the test reads
 * (and which stay behind for a failed test's diagnosis). A small heap, the serial collector and the
 * C1 compiler keep a child cheap to start; {@code jvmOptions} come after them and win. Not thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

    private static final List<String> DEFAULT_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(30);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} with {@code args}; its output files go under {@code logDirectory} (created if missing). */
    public static ChildJvm start(Path logDirectory, Class<?> mainClass, String... args) {
        return start(logDirectory, List.of(), mainClass, args);
    }

    /** Starts {@code mainClass} with extra {@code jvmOptions} (e.g. {@code -Xmx512m}, {@code -Dkey=value}) and {@code args}. */
    public static ChildJvm start(Path logDirectory, List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEFAULT_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logDirectory);
            Path out = Files.createTempFile(logDirectory, mainClass.getSimpleName() + "-", ".out");
            Path err = Files.createTempFile(logDirectory, mainClass.getSimpleName() + "-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Waits for a stdout line starting with {@code prefix} and answers it; fails, with the child's
     * output, if the child exits first or the deadline passes.
     */
    public String awaitLine(String prefix, Duration deadline) {
        awaitFound(() -> line(prefix).isPresent(), "a line starting with '" + prefix + "'", deadline);
        return line(prefix).orElseThrow();
    }

    /**
     * Waits for stdout to match {@code pattern} and answers the match's first group (the whole
     * match if the pattern has no group); fails like {@link #awaitLine(String, Duration)}.
     */
    public String awaitLine(Pattern pattern, Duration deadline) {
        awaitFound(() -> match(pattern).isPresent(), "/" + pattern + "/", deadline);
        return match(pattern).orElseThrow();
    }

    /** The first stdout line starting with {@code prefix}, if the child printed one yet. */
    public Optional<String> line(String prefix) {
        return stdout().lines().filter(line -> line.startsWith(prefix)).findFirst();
    }

    private Optional<String> match(Pattern pattern) {
        Matcher matcher = pattern.matcher(stdout());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
    }

    private void awaitFound(Callable<Boolean> found, String what, Duration deadline) {
        try {
            await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (found.call()) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("child " + process.pid() + " exited with " + process.exitValue()
                            + " before printing " + what + "; " + output());
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("child " + process.pid() + " did not print " + what + " within "
                    + deadline.toSeconds() + " s; " + output(), e);
        }
    }

    /** SIGKILL, then waits for the child to be gone; answers its exit code (137 = 128 + 9). */
    public int kill() {
        process.destroyForcibly();
        return waitFor(KILL_DEADLINE);
    }

    /** Waits for the child to exit and answers its exit code; kills it and fails if it is still running at the deadline. */
    public int waitFor(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("child " + process.pid() + " did not exit within " + deadline.toSeconds() + " s; " + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for child " + process.pid(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the child printed on stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    /** Everything the child printed on stderr so far (its logs). */
    public String stderr() {
        return read(stderr);
    }

    private String output() {
        return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the child if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
