package io.parley.naming.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A name server in a child JVM ({@link NamingServerMain}): started with {@link #start}, ready when it
 * printed its URL, stopped with SIGTERM ({@link #stop}) or SIGKILL ({@link #kill}). Its log goes to a
 * file beside its data directory. Thread-safe.
 */
final class NamingProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final CompletableFuture<String> url = new CompletableFuture<>();

    private NamingProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "naming-process-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a child name server with {@code args} (see {@link NamingServerMain}) and waits up to 60 s for it to listen. */
    static NamingProcess start(Path data, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NamingServerMain.class.getName(), "--data", data.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(data);
            Path log = data.resolveSibling(data.getFileName() + ".log");
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            NamingProcess child = new NamingProcess(process, log);
            try {
                child.url.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("name server " + command + " not ready within 60 s; log:\n" + child.logTail(), e);
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStdout() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("naming server ready http=")) {
                    url.complete(line.substring("naming server ready http=".length()));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("stdout closed before the ready line"));
    }

    String url() {
        return url.join();
    }

    int port() {
        return Integer.parseInt(url().substring(url().lastIndexOf(':') + 1));
    }

    /** SIGKILL: nothing is flushed, no hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the clean stop. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("name server pid " + process.pid() + " did not stop within 30 s of SIGTERM");
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** True if the child's log holds an ERROR line (a system test fails on unexpected server errors). */
    boolean loggedErrors() {
        try {
            return Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line -> line.contains(" ERROR "));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
