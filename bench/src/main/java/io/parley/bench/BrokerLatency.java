package io.parley.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scenario {@code broker-latency}: one persistent message at a time — send at STORED, the consumer
 * receives it, only then the next send — Parley against the raw Artemis Jakarta Messaging client,
 * over TCP to the same embedded server. End-to-end latency runs from the start of the send to the
 * consumer's handler. One warm-up run per side is discarded; measured runs alternate their order.
 */
@Command(name = "broker-latency", mixinStandardHelpOptions = true,
        description = "One-at-a-time end-to-end latency of persistent messages: Parley vs the raw Artemis JMS client.")
final class BrokerLatency implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--messages", defaultValue = "4000", description = "Messages per measured run and side (default ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--warmup", defaultValue = "50000", description = "Messages of the discarded warm-up run per side; the JIT needs tens of seconds on two cores (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--size", defaultValue = "1024", description = "Message body size in bytes (default ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--rounds", defaultValue = "2", description = "Measured runs per side, order alternating (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--dir", description = "Parent of the server's temporary data directory (default: java.io.tmpdir).")
    private Path directory = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() throws Exception {
        Options.inRange(spec, "--messages", messages, 1, 10_000_000);
        Options.inRange(spec, "--warmup", warmup, 0, 10_000_000);
        Options.inRange(spec, "--size", size, 1, 10 * 1024 * 1024);
        Options.inRange(spec, "--rounds", rounds, 1, 100);
        PrintStream out = System.out;
        Progress progress = new Progress(spec.name());
        byte[] payload = Payloads.of(size);
        Map<String, LatencyRun> totals = new LinkedHashMap<>();
        try (BenchServer server = BenchServer.start(directory)) {
            List<LatencySide> sides = List.of(new ParleyLatency(server.parley()), new JmsLatency(server.jms()));
            describe(out, server, sides);
            for (LatencySide side : sides) {
                if (warmup > 0) {
                    progress.say("%s warm-up: %d messages", side.name(), warmup);
                    LatencyRun run = side.run("bench.latency." + side.name() + ".warmup", warmup, payload, progress);
                    progress.say("%s warm-up: end-to-end p50 %.1f us (discarded)", side.name(), Latencies.micros(run.endToEndNanos(), 50));
                }
            }
            for (int round = 1; round <= rounds; round++) {
                List<LatencySide> order = round % 2 == 1 ? sides : List.of(sides.get(1), sides.get(0));
                for (LatencySide side : order) {
                    System.gc(); // each measured run starts from a collected heap: one side's garbage is not billed to the other
                    progress.say("round %d, %s: %d messages", round, side.name(), messages);
                    LatencyRun run = side.run("bench.latency." + side.name() + ".r" + round, messages, payload, progress);
                    out.printf(Locale.ROOT, "round %d %-8s end-to-end %s%n", round, side.name(), Latencies.summary(run.endToEndNanos()));
                    totals.merge(side.name(), run, LatencyRun::plus);
                }
            }
        }
        return report(out, totals.get("parley"), totals.get("baseline"));
    }

    private void describe(PrintStream out, BenchServer server, List<LatencySide> sides) {
        out.println("== broker-latency ==");
        out.println("measures:  end-to-end latency of PERSISTENT messages sent one at a time (send at STORED, the consumer");
        out.println("           receives it, then the next send), from the start of the send to the consumer's handler;");
        out.println("           one producer thread and one consumer per side, both over TCP to the same embedded Artemis acceptor");
        out.printf(Locale.ROOT, "messages:  %d bytes each; %d per measured run, %d measured runs per side (order alternating); "
                + "warm-up %d per side, discarded%n", size, messages, rounds, warmup);
        out.printf("server:    %s%n", server.messagingUrl());
        Machine.describe(out, server.directory());
        for (LatencySide side : sides) {
            out.printf("%-9s  %s%n", side.name() + ":", side.description());
        }
        out.flush();
    }

    private static int report(PrintStream out, LatencyRun parley, LatencyRun baseline) {
        out.printf(Locale.ROOT, "parley   end-to-end %s%n", Latencies.summary(parley.endToEndNanos()));
        out.printf(Locale.ROOT, "parley   send-to-STORED %s%n", Latencies.summary(parley.storedNanos()));
        out.printf(Locale.ROOT, "baseline end-to-end %s%n", Latencies.summary(baseline.endToEndNanos()));
        out.printf(Locale.ROOT, "baseline send-to-STORED %s%n", Latencies.summary(baseline.storedNanos()));
        out.printf(Locale.ROOT, "p99 end-to-end: parley=%.1f us baseline=%.1f us ratio=%.3f%n",
                Latencies.micros(parley.endToEndNanos(), 99), Latencies.micros(baseline.endToEndNanos(), 99),
                Latencies.micros(parley.endToEndNanos(), 99) / Latencies.micros(baseline.endToEndNanos(), 99));
        double parleyP50 = Latencies.micros(parley.endToEndNanos(), 50);
        double baselineP50 = Latencies.micros(baseline.endToEndNanos(), 50);
        out.printf(Locale.ROOT, "RESULT broker-latency parley=%.1f baseline=%.1f ratio=%.3f unit=us_p50%n",
                parleyP50, baselineP50, parleyP50 / baselineP50);
        out.flush();
        return 0;
    }
}
