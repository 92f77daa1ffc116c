package io.parley.bench;

import io.parley.bench.tx.TwoPhaseBench;
import io.parley.bench.kafka.KafkaQueueThroughput;
import io.parley.bench.naming.NamingResolve;
import io.parley.bench.rpc.RpcBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./parley bench <scenario>}: one picocli subcommand per scenario.
 *
 * <p>Every scenario measures Parley and the raw engine's own client in the same run against the
 * same embedded server, prints what it measures and on which machine, reports progress on stderr,
 * and ends its stdout with one line {@code RESULT <scenario> parley=<x> baseline=<y> ratio=<x/y> unit=<unit>}.
 */
@Command(name = "parley bench", mixinStandardHelpOptions = true,
        description = "Runs one benchmark scenario of Parley against the raw engine client.",
        subcommands = {BrokerThroughput.class, BrokerLatency.class, KafkaQueueThroughput.class, NamingResolve.class,
                RpcBench.class, TwoPhaseBench.class})
public final class Bench implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the scenario and exits with its status. The exit is explicit, and also follows an
     * {@link Error} (which picocli does not catch), because the embedded server's non-daemon
     * threads would otherwise keep a failed benchmark's JVM alive.
     */
    public static void main(String[] args) {
        int exit = 1;
        try {
            exit = new CommandLine(new Bench()).execute(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
        } finally {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a scenario is required: one of " + spec.subcommands().keySet());
    }
}
