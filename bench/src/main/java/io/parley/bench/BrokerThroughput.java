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
 * Scenario {@code broker-throughput}: persistent messages from one pipelined producer to one
 * consumer, Parley against the raw Artemis Jakarta Messaging client, over TCP to the same embedded
 * server. One warm-up run per side is discarded; then {@code rounds} measured runs per side, the
 * order alternating each round so neither side always runs on the warmer JVM. Throughput is
 * messages over time from the first send to the last receive, summed over the measured runs.
 */
@Command(name = "broker-throughput", mixinStandardHelpOptions = true,
        description = "Persistent-message throughput (msg/s) and send-to-STORED latency: Parley vs the raw Artemis JMS client.")
final class BrokerThroughput implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--messages", defaultValue = "100000", description = "Messages per measured run and side (default ${DEFAULT-VALUE}).")
    private int messages;

    @Option(names = "--warmup", defaultValue = "100000", description = "Messages of the discarded warm-up run per side (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--size", defaultValue = "1024", description = "Message body size in bytes (default ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--window", defaultValue = "2000", description = "Most sends awaiting their STORED confirmation at once (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--rounds", defaultValue = "2", description = "Measured runs per side, order alternating (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--baseline-confirmation-window", defaultValue = "-1", paramLabel = "BYTES",
            description = "confirmationWindowSize of the baseline's JMS client: -1 (Artemis default) completes sends unconfirmed, "
                    + "fire-and-forget; a positive size makes them wait for the server, as Parley's do (default ${DEFAULT-VALUE}).")
    private int baselineConfirmationWindow;

    @Option(names = "--dir", description = "Parent of the server's temporary data directory (default: java.io.tmpdir).")
    private Path directory = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() throws Exception {
        Options.inRange(spec, "--messages", messages, 1, 10_000_000);
        Options.inRange(spec, "--warmup", warmup, 0, 10_000_000);
        Options.inRange(spec, "--size", size, 1, 10 * 1024 * 1024);
        Options.inRange(spec, "--window", window, 1, 100_000);
        Options.inRange(spec, "--rounds", rounds, 1, 100);
        Options.inRange(spec, "--baseline-confirmation-window", baselineConfirmationWindow, -1, 1024 * 1024 * 1024);
        PrintStream out = System.out;
        Progress progress = new Progress(spec.name());
        byte[] payload = Payloads.of(size);
        Map<String, ThroughputRun> totals = new LinkedHashMap<>();
        try (BenchServer server = BenchServer.start(directory)) {
            List<ThroughputSide> sides = List.of(new ParleyThroughput(server.parley()), new JmsThroughput(server.messagingUrl(), baselineConfirmationWindow));
            describe(out, server, sides);
            for (ThroughputSide side : sides) {
                if (warmup > 0) {
                    progress.say("%s warm-up: %d messages", side.name(), warmup);
                    ThroughputRun run = side.run("bench.throughput." + side.name() + ".warmup", warmup, payload, window, progress);
                    progress.say("%s warm-up: %.0f msg/s (discarded)", side.name(), run.messagesPerSecond());
                }
            }
            for (int round = 1; round <= rounds; round++) {
                List<ThroughputSide> order = round % 2 == 1 ? sides : List.of(sides.get(1), sides.get(0));
                for (ThroughputSide side : order) {
                    System.gc(); // each measured run starts from a collected heap: one side's garbage is not billed to the other
                    progress.say("round %d, %s: %d messages", round, side.name(), messages);
                    ThroughputRun run = side.run("bench.throughput." + side.name() + ".r" + round, messages, payload, window, progress);
                    out.printf(Locale.ROOT, "round %d %-8s %8.0f msg/s  (%d msgs in %.2f s; sends completed after %.2f s)  send-to-STORED %s%n",
                            round, side.name(), run.messagesPerSecond(), run.messages(), run.elapsedNanos() / 1e9,
                            run.sendingNanos() / 1e9, Latencies.summary(run.storedLatencyNanos()));
                    totals.merge(side.name(), run, ThroughputRun::plus);
                }
            }
        }
        return report(out, totals.get("parley"), totals.get("baseline"));
    }

    private void describe(PrintStream out, BenchServer server, List<ThroughputSide> sides) {
        out.println("== broker-throughput ==");
        out.println("measures:  end-to-end throughput (first send to last receive) of PERSISTENT messages through one queue,");
        out.println("           one producer thread and one consumer per side, both over TCP to the same embedded Artemis acceptor;");
        out.println("           and each send's latency until it is STORED (durably in the journal)");
        out.printf(Locale.ROOT, "messages:  %d bytes each; %d per measured run, %d measured runs per side (order alternating); "
                + "warm-up %d per side, discarded%n", size, messages, rounds, warmup);
        out.printf(Locale.ROOT, "in flight: at most %d uncompleted sends per producer (both sides)%n", window);
        out.printf("server:    %s%n", server.messagingUrl());
        Machine.describe(out, server.directory());
        for (ThroughputSide side : sides) {
            out.printf("%-9s  %s%n", side.name() + ":", side.description());
        }
        out.flush();
    }

    private static int report(PrintStream out, ThroughputRun parley, ThroughputRun baseline) {
        out.printf(Locale.ROOT, "parley   %8.0f msg/s end to end, sends %8.0f msg/s, over %d messages; send-to-STORED %s%n",
                parley.messagesPerSecond(), parley.sendsPerSecond(), parley.messages(), Latencies.summary(parley.storedLatencyNanos()));
        out.printf(Locale.ROOT, "baseline %8.0f msg/s end to end, sends %8.0f msg/s, over %d messages; send-to-STORED %s%n",
                baseline.messagesPerSecond(), baseline.sendsPerSecond(), baseline.messages(), Latencies.summary(baseline.storedLatencyNanos()));
        out.printf(Locale.ROOT, "targets:  ratio >= 1.0 (%s), parley p99 send-to-STORED <= 5000 us (%s)%n",
                parley.messagesPerSecond() >= baseline.messagesPerSecond() ? "met" : "missed",
                Latencies.micros(parley.storedLatencyNanos(), 99) <= 5_000 ? "met" : "missed");
        out.printf(Locale.ROOT, "RESULT broker-throughput parley=%.0f baseline=%.0f ratio=%.3f unit=msg/s%n",
                parley.messagesPerSecond(), baseline.messagesPerSecond(),
                parley.messagesPerSecond() / baseline.messagesPerSecond());
        out.flush();
        return 0;
    }
}
