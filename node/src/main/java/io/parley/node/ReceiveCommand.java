package io.parley.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code parley receive}: takes up to {@code --count} messages from a queue, printing each body on
 * stdout (one per line) and acknowledging it through its receipt. It stops early when no message
 * arrives within {@code --wait-ms}, and says so on stderr.
 */
@Command(name = "receive", mixinStandardHelpOptions = true, description = "Receives and acknowledges messages from a queue of a running node.")
final class ReceiveCommand implements Callable<Integer> {

    /** The gateway's limit of {@code waitMs}. */
    static final long MAX_WAIT_MS = 30_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeUrl node;

    @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "The queue to receive from.")
    private String queue;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many messages to receive at most. Default 1.")
    private int count;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "1000",
            description = "How long to wait for each message, 0..30000 ms. Default ${DEFAULT-VALUE}.")
    private long waitMs;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count " + count + " is out of range 1.." + Integer.MAX_VALUE);
        }
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new ParameterException(spec.commandLine(), "--wait-ms " + waitMs + " is out of range 0.." + MAX_WAIT_MS);
        }
        GatewayClient client = node.client();
        PrintWriter out = spec.commandLine().getOut();
        int received = 0;
        while (received < count) {
            Optional<GatewayClient.Received> message = client.receive(queue, waitMs);
            if (message.isEmpty()) {
                break;
            }
            out.println(message.get().bodyAsText());
            out.flush();
            client.acknowledge(queue, message.get().receipt());
            received++;
        }
        if (received < count) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("received " + received + " of " + count + " message(s) from queue '" + queue
                    + "': no more arrived within " + waitMs + " ms");
            err.flush();
        }
        return 0;
    }
}
