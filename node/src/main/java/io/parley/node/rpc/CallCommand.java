package io.parley.node.rpc;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.common.ParleyException;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.rpc.EndpointResolver;
import io.parley.rpc.RemoteErrorException;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcException;
import io.parley.rpc.StaticEndpointResolver;
import io.parley.rpc.naming.NamingEndpointResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code parley call SERVICE METHOD '<JSON array>'}: calls a remote method without a stub and
 * prints the JSON reply on stdout. The call goes over the broker: it connects to the node's
 * messaging port ({@code --messaging}, default {@code tcp://localhost:61616}), sends the request to
 * the service's queue ({@code rpc.<SERVICE>}, or {@code --queue}, or with {@code --naming URL} the
 * queue of the service record {@code /services/<SERVICE>} resolved through that name server) and waits for the reply until
 * the deadline. Exit codes: 0 the reply was printed; 1 the call failed (status and message on
 * stderr); 2 a usage error.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Calls METHOD of SERVICE with a JSON array of arguments and prints the JSON reply.")
public final class CallCommand implements Callable<Integer> {

    static final long MAX_DEADLINE_MS = 3_600_000;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service name, e.g. calculator.")
    private String service;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method name; the server picks it by name and argument count.")
    private String method;

    @Parameters(index = "2", paramLabel = "ARGUMENTS", defaultValue = "[]", description = "A JSON array of arguments. Default [].")
    private String arguments;

    @Option(names = "--messaging", paramLabel = "URL", defaultValue = "tcp://localhost:61616",
            description = "Messaging URL of the node (its --messaging-port). Default ${DEFAULT-VALUE}.")
    private String messaging;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "The service's request queue, if not rpc.SERVICE.")
    private String queue;

    @Option(names = "--naming", paramLabel = "URL",
            description = "Find the service's request queue in the naming service at URL (http://HOST:PORT, a root or any name server): "
                    + "the service record /services/SERVICE (dots are levels). Default: the queue rpc.SERVICE.")
    private String naming;

    @Option(names = "--deadline-ms", paramLabel = "MS", defaultValue = "30000",
            description = "The call's deadline in milliseconds, 1.." + MAX_DEADLINE_MS + ". Default ${DEFAULT-VALUE}.")
    private long deadlineMs;

    @Override
    public Integer call() {
        if (deadlineMs < 1 || deadlineMs > MAX_DEADLINE_MS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--deadline-ms " + deadlineMs + " is out of range 1.." + MAX_DEADLINE_MS);
        }
        if (!messaging.matches("tcp://.+")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--messaging '" + messaging + "' is invalid: expected tcp://HOST:PORT");
        }
        if (naming != null && queue != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--naming and --queue both name the request queue; give one");
        }
        Resolver names;
        try {
            names = naming == null ? null : new Resolver(ResolverConfig.builder().roots(naming).build());
        } catch (ParleyException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--naming '" + naming + "' is invalid: " + e.getMessage());
        }
        Path state = temporaryDirectory();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Broker broker = Brokers.openOwning(ArtemisEngine.connect(messaging),
                BrokerConfig.builder().stateDirectory(state).build());
             RpcClient client = RpcClient.builder(broker)
                     .resolver(endpoints(names))
                     .build()) {
            out.println(client.call(service, method, arguments, Duration.ofMillis(deadlineMs)));
            out.flush();
            return 0;
        } catch (RpcException e) {
            err.println("parley call: " + e.status() + ": " + e.getMessage());
            for (Throwable cause = e instanceof RemoteErrorException ? e.getCause() : null; cause != null; cause = cause.getCause()) {
                err.println("  caused by " + cause.getMessage());
            }
            err.flush();
            return 1;
        } finally {
            if (names != null) {
                names.close();
            }
            deleteRecursively(state);
        }
    }

    private EndpointResolver endpoints(Resolver names) {
        if (names != null) {
            return NamingEndpointResolver.of(names);
        }
        return queue != null ? StaticEndpointResolver.of(Map.of(service, queue)) : StaticEndpointResolver.conventional();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("parley-call-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the call's client state", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
