package io.parley.bench.kafka;

import io.parley.broker.kafka.EmbeddedKafka;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Scenario {@code kafka-queue-throughput}: 1 KiB messages through one queue on Kafka, Parley (the
 * broker client on the Kafka engine) against Kafka's own producer and share consumer, both on the
 * same in-process single-node KRaft cluster in the same run. A discarded warm-up first alternates
 * the sides in short runs for {@code --warmup-seconds}: the cluster, both clients and Parley share
 * one JVM on two cores, and the JIT compiles for tens of seconds (at 20 s it still took a third of
 * the CPU), so shorter warm-ups measured the compiler as much as the clients. Then {@code rounds}
 * measured runs per side, the order alternating each round. Throughput is messages over the time
 * from the first send to the last receive, averaged over the measured runs.
 */
@Command(name = "kafka-queue-throughput", mixinStandardHelpOptions = true,
        description = "Queue throughput (msg/s) on Kafka: Parley's Kafka engine vs raw KafkaProducer + KafkaShareConsumer.")
public final class KafkaQueueThroughput implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--messages", defaultValue = "200000", description = "Messages per measured run and side (default ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--warmup-seconds", defaultValue = "60", description = "Length of the discarded warm-up, the sides taking turns (default ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--warmup-messages", defaultValue = "50000", description = "Messages per warm-up run (default ${DEFAULT-VALUE}).")
    private int warmupMessages;

    @Option(names = "--size", defaultValue = "1024", description = "Message body size in bytes (default ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--window", defaultValue = "2000", description = "Most sends awaiting their acks=all confirmation at once (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--rounds", defaultValue = "8", description = "Measured runs per side, order alternating (default ${DEFAULT-VALUE}: "
            + "one run on a shared host moves by a fifth from minute to minute, and four rounds left the ratio to chance).")
    private int rounds;

    @Option(names = "--settle-ms", defaultValue = "3000", description = "Pause before each measured run (default ${DEFAULT-VALUE}).")
    private int settleMillis;

    @Option(names = "--copy-body", description = "Build Parley's messages with Message.of, copying the payload each time, "
            + "instead of Message.wrap, which takes it as the raw side's ProducerRecord does.")
    private boolean copyBody;

    @Option(names = "--dir", description = "Parent of the cluster's temporary log directory (default: java.io.tmpdir).")
    private Path directory = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() throws Exception {
        inRange("--messages", messages, 1, 10_000_000);
        inRange("--warmup-seconds", warmupSeconds, 0, 3_600);
        inRange("--warmup-messages", warmupMessages, 1, 10_000_000);
        inRange("--size", size, 1, 1024 * 1024);
        inRange("--window", window, 1, 100_000);
        inRange("--rounds", rounds, 1, 100);
        inRange("--settle-ms", settleMillis, 0, 60_000);
        PrintStream out = System.out;
        byte[] payload = new byte[size];
        new Random(20_240_601L).nextBytes(payload);
        Path work = Files.createTempDirectory(directory, "parley-bench-kafka-");
        Map<String, Double> totals = new LinkedHashMap<>();
        Map<String, Double> cpuMicros = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             ParleyOnKafka parley = new ParleyOnKafka(kafka.bootstrapServers(), work.resolve("parley"), copyBody);
             RawKafka raw = new RawKafka(kafka.bootstrapServers())) {
            List<KafkaSide> sides = List.of(parley, raw);
            describe(out, kafka, sides);
            warmUp(sides, payload);
            for (int round = 1; round <= rounds; round++) {
                List<KafkaSide> order = round % 2 == 1 ? sides : List.of(sides.get(1), sides.get(0));
                for (KafkaSide side : order) {
                    System.gc();
                    // the cluster finishes the previous run's background work (share-state snapshots,
                    // log flushes) before the next run starts, so it is not billed to the next side
                    Thread.sleep(settleMillis);
                    long cpuBefore = processCpuNanos();
                    double rate = side.run("bench-" + side.name() + "-r" + round, messages, payload, window);
                    double cpu = (processCpuNanos() - cpuBefore) / 1e3 / messages;
                    out.printf(Locale.ROOT, "round %d %-8s %8.0f msg/s, cpu %5.1f us/msg (%d messages, first send to last receive)%n",
                            round, side.name(), rate, cpu, messages);
                    out.flush();
                    totals.merge(side.name(), rate / rounds, Double::sum);
                    cpuMicros.merge(side.name(), cpu / rounds, Double::sum);
                }
            }
        } finally {
            delete(work);
        }
        double parleyRate = totals.get("parley");
        double baselineRate = totals.get("baseline");
        // CPU per message (the whole process: cluster, clients and Parley) is far less sensitive than
        // msg/s to other processes on a shared machine
        out.printf(Locale.ROOT, "cpu per message (whole process)  parley %.1f us, baseline %.1f us%n",
                cpuMicros.get("parley"), cpuMicros.get("baseline"));
        out.printf(Locale.ROOT, "target:   ratio >= 0.9 (%s)%n", parleyRate / baselineRate >= 0.9 ? "met" : "missed");
        out.printf(Locale.ROOT, "RESULT kafka-queue-throughput parley=%.0f baseline=%.0f ratio=%.3f unit=msg/s%n",
                parleyRate, baselineRate, parleyRate / baselineRate);
        out.flush();
        return 0;
    }

    private void warmUp(List<KafkaSide> sides, byte[] payload) throws Exception {
        long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        for (int run = 0; System.nanoTime() < end; run++) {
            for (KafkaSide side : sides) {
                double rate = side.run("bench-" + side.name() + "-warmup" + run, warmupMessages, payload, window);
                System.err.printf(Locale.ROOT, "%s warm-up run %d: %.0f msg/s (discarded)%n", side.name(), run, rate);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void describe(PrintStream out, EmbeddedKafka kafka, List<KafkaSide> sides) {
        out.println("== kafka-queue-throughput ==");
        out.println("measures: end-to-end throughput (first send to last receive) of one queue on Kafka (one partition,");
        out.println("          a share group), one producer thread and one consumer per side, in the same run");
        out.printf(Locale.ROOT, "messages: %d bytes each; %d per measured run, %d measured runs per side (order alternating); "
                + "warm-up %d s, the sides taking turns in runs of %d (discarded)%n", size, messages, rounds, warmupSeconds, warmupMessages);
        out.printf(Locale.ROOT, "in flight: at most %d unconfirmed sends per producer (both sides)%n", window);
        out.printf("cluster:  in-process single-node KRaft Kafka %s (kafka-test-common-runtime) at %s%n",
                AppInfoParser.getVersion(), kafka.bootstrapServers());
        out.printf(Locale.ROOT, "machine:  %d cores, java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        for (KafkaSide side : sides) {
            out.printf("%-9s %s%n", side.name() + ":", side.description());
        }
        out.flush();
    }

    private void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " " + value + " is out of range " + min + ".." + max);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
