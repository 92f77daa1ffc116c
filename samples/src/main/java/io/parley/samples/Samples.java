package io.parley.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ./parley sample <name>} — runs one of Parley's samples; {@code --list} names them. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Runs a Parley sample against an embedded engine (or a node with --messaging URL).",
        subcommands = {ProducerConsumerSample.class, RequestReplySample.class, TicketSample.class, RoutingSample.class,
                FileServiceSample.class, CalculatorSample.class, BankSample.class})
public final class Samples implements Callable<Integer> {

    @Option(names = "--list", description = "List the samples")
    boolean list;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Samples()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine commandLine = new CommandLine(this);
        System.out.println("samples (run one with ./parley sample <name>):");
        commandLine.getSubcommands().forEach((name, sub) ->
                System.out.printf("  %-20s %s%n", name, String.join(" ", sub.getCommandSpec().usageMessage().description())));
        return list ? 0 : 2;
    }
}
