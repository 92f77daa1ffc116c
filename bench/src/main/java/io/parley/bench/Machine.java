package io.parley.bench;

import org.apache.activemq.artemis.utils.VersionLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Describes where a benchmark ran — machine, JVM, engine and Parley versions, the data directory's
 * file system — so that every printed figure carries its context. Stateless.
 */
final class Machine {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private Machine() {
    }

    static void describe(PrintStream out, Path dataDirectory) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("machine:   %d cores, %s, %s %s (%s)%n", runtime.availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        out.printf("java:      %s %s (%s), max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"), runtime.maxMemory() >> 20);
        out.printf("artemis:   %s (embedded server, persistence on, journal sync on)%n",
                VersionLoader.getVersion().getFullVersion());
        out.printf("parley:    %s%n", Optional.ofNullable(Machine.class.getPackage().getImplementationVersion()).orElse("dev"));
        out.printf("data dir:  %s (file system %s)%n", dataDirectory, fileSystem(dataDirectory));
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(CPU_INFO);
            return lines.stream()
                    .filter(line -> line.startsWith("model name") || line.startsWith("Model"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("CPU model not in " + CPU_INFO);
        } catch (IOException e) {
            return "CPU model unknown (" + CPU_INFO + " unreadable)";
        }
    }

    private static String fileSystem(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
