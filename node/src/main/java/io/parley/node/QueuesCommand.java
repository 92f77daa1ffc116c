package io.parley.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code parley queues}: a table of the node's queues with depth, consumers and dead letters. */
@Command(name = "queues", mixinStandardHelpOptions = true, description = "Lists the queues of a running node.")
final class QueuesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeUrl node;

    @Override
    public Integer call() {
        List<GatewayClient.QueueRow> rows = node.client().queues();
        int width = "QUEUE".length();
        for (GatewayClient.QueueRow row : rows) {
            width = Math.max(width, row.name().length());
        }
        String format = "%-" + width + "s  %10s  %10s  %12s%n";
        PrintWriter out = spec.commandLine().getOut();
        out.printf(format, "QUEUE", "DEPTH", "CONSUMERS", "DEAD-LETTERS");
        for (GatewayClient.QueueRow row : rows) {
            out.printf(format, row.name(), row.depth(), row.consumers(), row.deadLetters());
        }
        out.flush();
        return 0;
    }
}
