package io.parley.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code parley send}: sends {@code --count} copies of a body to a queue through the node's
 * gateway and prints each message id on stdout, in send order. Up to {@value #IN_FLIGHT} sends are
 * pipelined; a progress bar on stderr follows sends of {@value #PROGRESS_FROM} messages or more.
 */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Sends messages to a queue of a running node.")
final class SendCommand implements Callable<Integer> {

    static final int IN_FLIGHT = 32;
    static final int PROGRESS_FROM = 100;

    /** The sync points a send can wait for over HTTP. */
    enum Sync { SUBMITTED, STORED, DELIVERED }

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeUrl node;

    @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "The queue to send to.")
    private String queue;

    @Option(names = "--body", required = true, paramLabel = "TEXT", description = "The message body (UTF-8 text).")
    private String body;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "text/plain; charset=utf-8",
            description = "The body's content type. Default ${DEFAULT-VALUE}.")
    private String contentType;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many messages to send. Default 1.")
    private int count;

    @Option(names = "--transient", description = "Send transient (not persistent) messages.")
    private boolean transientMessages;

    @Option(names = "--sync", paramLabel = "POINT", defaultValue = "stored",
            description = "When each send returns: submitted, stored or delivered. Default stored.")
    private String sync;

    @Override
    public Integer call() {
        if (count < 1 || count > 100_000_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count " + count + " is out of range 1..100000000");
        }
        Sync syncPoint = parseSync();
        GatewayClient client = node.client();
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar progress = count >= PROGRESS_FROM ? new ProgressBar(spec.commandLine().getErr(), "sending to " + queue, count) : null;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String syncHeader = syncPoint.name().toLowerCase(Locale.ROOT);
        Deque<CompletableFuture<String>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            if (inFlight.size() == IN_FLIGHT) {
                out.println(await(inFlight.poll()));
                advance(progress);
            }
            inFlight.add(client.send(queue, bytes, contentType, !transientMessages, syncHeader));
        }
        while (!inFlight.isEmpty()) {
            out.println(await(inFlight.poll()));
            advance(progress);
        }
        out.flush();
        if (progress != null) {
            progress.finish();
        }
        return 0;
    }

    private Sync parseSync() {
        try {
            return Sync.valueOf(sync.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--sync '" + sync + "' is invalid: allowed are submitted, stored or delivered");
        }
    }

    private static void advance(ProgressBar progress) {
        if (progress != null) {
            progress.advance();
        }
    }

    private static String await(CompletableFuture<String> send) {
        try {
            return send.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
