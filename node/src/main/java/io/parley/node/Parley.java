package io.parley.node;

import io.parley.common.ParleyException;
import io.parley.node.naming.NamesCommand;
import io.parley.node.rpc.CallCommand;
import io.parley.node.tx.TxCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code parley} command line: {@code parley node} runs a node; {@code send}, {@code receive}
 * and {@code queues} talk to a running node over its HTTP gateway.
 *
 * <p>Exit codes: 0 success, 1 the command failed (the reason on stderr), 2 a usage error.
 * stdout carries only the command's output (the node's ready line, message ids, bodies, tables);
 * logs and progress go to stderr.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Parley.Version.class,
        description = "Parley: message-oriented middleware and transaction broker.",
        subcommands = {NodeCommand.class, SendCommand.class, ReceiveCommand.class, QueuesCommand.class, NamesCommand.class, CallCommand.class, TxCommand.class,
                CommandLine.HelpCommand.class})
public final class Parley implements Runnable {

    /** Exit code of a command that failed. */
    public static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The command line, with Parley's error reporting; {@code execute(args)} runs a command and returns its exit code. */
    public static CommandLine commandLine() {
        return new CommandLine(new Parley()).setExecutionExceptionHandler(Parley::reportFailure);
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = commandLine().execute(args);
        NodeCommand.exitingNormally();
        System.exit(exitCode);
    }

    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = e instanceof ParleyException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
        commandLine.getErr().flush();
        return FAILED;
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Parley.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (version != null ? version : "(development build)")};
        }
    }
}
