package io.parley.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in a child JVM, for crash tests: {@code java -cp <this JVM's classpath> io.parley.node.Parley
 * node --data DIR --messaging-port 0 --http-port 0}. {@link #start} returns once the child printed
 * its ready line (or fails at the deadline with the tail of the child's log).
 *
 * <pre>{@code
 * try (NodeProcess node = NodeProcess.builder(dataDir).start()) {
 *     ... node.httpUrl(), node.messagingUrl() ...
 *     node.kill();                    // SIGKILL: no shutdown hook runs
 * }
 * try (NodeProcess again = NodeProcess.builder(dataDir).start()) { ... what survived ... }
 * }</pre>
 *
 * <p>The child's stdout is read by a daemon thread (the ready line, then every further line, see
 * {@link #stdout()}); its stderr (the logs) goes to {@link #log()}. Thread-safe.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("parley node ready messaging=(\\S+) http=(\\S+)");

    private final Process process;
    private final Path log;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "node-process-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** A node on free ports with its data under {@code dataDirectory}, ready within 60 s. */
    public static NodeProcess start(Path dataDirectory) {
        return builder(dataDirectory).start();
    }

    private void readStdout() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                stdout.add(line);
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.matches()) {
                    ready.complete(matcher);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the node's stdout closed before its ready line"));
    }

    private void awaitReady(Duration deadline) {
        try {
            ready.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("node pid " + process.pid() + " printed no ready line within " + deadline.toMillis()
                    + " ms; stdout " + stdout + "; log tail:\n" + logTail(), e);
        } catch (ExecutionException e) {
            String exit = waitForExit(Duration.ofSeconds(10)) ? "exited with " + process.exitValue() : "still running";
            process.destroyForcibly();
            throw new IllegalStateException("node pid " + process.pid() + " " + exit + " before its ready line; stdout "
                    + stdout + "; log tail:\n" + logTail(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for node pid " + process.pid(), e);
        }
    }

    /** {@code tcp://HOST:PORT} of the child's messaging acceptor. */
    public String messagingUrl() {
        return ready.join().group(1);
    }

    /** {@code http://HOST:PORT} of the child's HTTP server. */
    public String httpUrl() {
        return ready.join().group(2);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line the child printed on stdout so far, the ready line first. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** The file the child's stderr (its log) goes to. */
    public Path log() {
        return log;
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()} is {@code kill -9} on Linux and
     * macOS): no shutdown hook runs, nothing is flushed. Waits until it is gone and returns its exit
     * code (137 = 128 + SIGKILL).
     */
    public int kill() {
        process.destroyForcibly();
        if (!waitForExit(Duration.ofSeconds(30))) {
            throw new IllegalStateException("node pid " + process.pid() + " still runs 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, waits up to {@code deadline} for the clean shutdown, and returns the exit code. */
    public int stop(Duration deadline) {
        process.destroy();
        if (!waitForExit(deadline)) {
            throw new IllegalStateException("node pid " + process.pid() + " did not stop within " + deadline.toMillis()
                    + " ms of SIGTERM; log tail:\n" + logTail());
        }
        return process.exitValue();
    }

    /** {@link #stop(Duration)} with 30 s. */
    public int stop() {
        return stop(Duration.ofSeconds(30));
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The last lines of the child's log. */
    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean waitForExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How to start a {@link NodeProcess}. Not thread-safe. */
    public static final class Builder {
        private final Path dataDirectory;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private final List<String> nodeArgs = new ArrayList<>();
        private String classpath = System.getProperty("java.class.path");
        private Duration readyDeadline = Duration.ofSeconds(60);
        private Path log;
        private int messagingPort;
        private int httpPort;
        private boolean defaultServices;

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** Extra JVM options, e.g. {@code -Dsome.property=x}. */
        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** Extra {@code parley node} options, e.g. {@code --config FILE}. */
        public Builder nodeArgs(String... args) {
            nodeArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Runs the node's default services (all of them). Without this, and without {@code --services}
         * among the node options, the child runs only the broker: most tests need nothing else and
         * start faster without the name server and the coordinator.
         */
        public Builder defaultServices() {
            this.defaultServices = true;
            return this;
        }

        /** Fixed ports (e.g. to restart a node where clients expect it); 0, the default, picks free ones. */
        public Builder ports(int messagingPort, int httpPort) {
            this.messagingPort = messagingPort;
            this.httpPort = httpPort;
            return this;
        }

        /** The child's classpath; by default this JVM's. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder readyDeadline(Duration readyDeadline) {
            this.readyDeadline = readyDeadline;
            return this;
        }

        /** Where the child's stderr goes; by default {@code node-<pid>.log} beside the data directory. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        public NodeProcess start() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", classpath, Parley.class.getName(), "node",
                    "--data", dataDirectory.toString(), "--host", "localhost", "--messaging-port", Integer.toString(messagingPort),
                    "--http-port", Integer.toString(httpPort)));
            if (!defaultServices && !nodeArgs.contains("--services")) {
                command.addAll(List.of("--services", "broker"));
            }
            command.addAll(nodeArgs);
            try {
                Path logFile = log != null ? log : Files.createTempFile(dataDirectory.toAbsolutePath().getParent(), "node-", ".log");
                Process process = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
                NodeProcess node = new NodeProcess(process, logFile);
                node.awaitReady(readyDeadline);
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }
    }
}
