package io.parley.node.naming;

import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.NotFound;
import io.parley.naming.RecordType;
import io.parley.naming.ReferralReply;
import io.parley.naming.Reply;
import io.parley.naming.ResolutionMode;
import io.parley.naming.Resolved;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.naming.ServerReply;
import io.parley.naming.VersionToken;
import io.parley.naming.WriteResult;
import io.parley.naming.ZoneInfo;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code parley names bind|unbind|resolve|zones}: the naming service from the command line, through
 * a name server's HTTP API ({@code --server}, default the local node). {@code resolve --iterative}
 * follows the referrals itself and prints the chain; {@code --recursive} (the default) lets the
 * server do it. Exit codes: 0 success, 1 not found or failed, 2 usage.
 */
@Command(name = "names", mixinStandardHelpOptions = true, description = "Binds, removes and resolves names; lists zones.",
        subcommands = {NamesCommand.Bind.class, NamesCommand.Unbind.class, NamesCommand.ResolveName.class, NamesCommand.Zones.class})
public final class NamesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a names command is required: bind, unbind, resolve, zones");
    }

    /** {@code --server URL}: the name server to talk to (a root for resolve). */
    static final class Server {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec spec;

        @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "Name server URL (for resolve: the root to start from). Default http://localhost:8080.")
        private String url;

        String url() {
            try {
                URI uri = URI.create(url);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return url;
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "--server '" + url + "' is no http(s) URL");
        }

        Resolver resolver(ResolutionMode mode) {
            return new Resolver(ResolverConfig.builder().roots(url()).mode(mode).build());
        }
    }

    @Command(name = "bind", mixinStandardHelpOptions = true, description = "Binds NAME to a record at its zone's primary.")
    static final class Bind implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @CommandLine.Mixin
        private Server server;
        @Parameters(index = "0", paramLabel = "NAME", description = "Absolute name, e.g. /nl/vu/cs/ftp.")
        private String name;
        @Option(names = "--type", required = true, description = "queue, topic, service, participant, coordinator, host, text or delegation.")
        private String type;
        @Option(names = "--address", paramLabel = "ADDRESS", description = "An address (repeatable); for a delegation, a name server URL.")
        private List<String> addresses = new ArrayList<>();
        @Option(names = "--ttl-ms", paramLabel = "MS", defaultValue = "60000", description = "How long resolvers may cache it. Default 60000.")
        private long ttlMs;
        @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "A free attribute (repeatable).")
        private Map<String, String> attributes = new LinkedHashMap<>();
        @Option(names = "--here", description = "Write at --server itself instead of walking down from it to the zone's server.")
        private boolean here;

        @Override
        public Integer call() {
            NameRecord record = new NameRecord(RecordType.of(type), addresses, ttlMs, attributes);
            Name parsed = Name.parse(name);
            try (Resolver resolver = server.resolver(ResolutionMode.ITERATIVE)) {
                WriteResult result = here ? resolver.bind(server.url(), parsed, record) : resolver.bind(parsed, record);
                PrintWriter out = spec.commandLine().getOut();
                out.println((result.created() ? "created " : "replaced ") + result.name() + " in zone " + result.zone()
                        + " serial " + result.serial() + " version " + result.version());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "unbind", mixinStandardHelpOptions = true, description = "Removes NAME at its zone's primary.")
    static final class Unbind implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @CommandLine.Mixin
        private Server server;
        @Parameters(index = "0", paramLabel = "NAME")
        private String name;
        @Option(names = "--here", description = "Write at --server itself instead of walking down from it to the zone's server.")
        private boolean here;

        @Override
        public Integer call() {
            Name parsed = Name.parse(name);
            try (Resolver resolver = server.resolver(ResolutionMode.ITERATIVE)) {
                VersionToken token = here ? resolver.unbind(server.url(), parsed) : resolver.unbind(parsed);
                spec.commandLine().getOut().println("removed " + parsed + " version " + token);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolves NAME from --server; --iterative prints the referral chain.")
    static final class ResolveName implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @CommandLine.Mixin
        private Server server;
        @Parameters(index = "0", paramLabel = "NAME")
        private String name;
        @ArgGroup(exclusive = true)
        private ModeFlags mode;

        static final class ModeFlags {
            @Option(names = "--iterative", description = "Follow the referrals here, printing each step.")
            boolean iterative;
            @Option(names = "--recursive", description = "Let the server follow them (the default).")
            boolean recursive;
        }

        @Override
        public Integer call() {
            ResolutionMode chosen = mode != null && mode.iterative ? ResolutionMode.ITERATIVE : ResolutionMode.RECURSIVE;
            PrintWriter out = spec.commandLine().getOut();
            try (Resolver resolver = server.resolver(chosen)) {
                Resolved resolved = resolver.lookup(Name.parse(name), chosen);
                if (chosen == ResolutionMode.ITERATIVE) {
                    for (ServerReply step : resolved.steps()) {
                        out.println(describe(step.server(), step.reply()));
                    }
                } else {
                    out.println(describe(server.url(), resolved.reply()) + "  (cache " + resolved.steps().get(0).cache().wireName() + ")");
                    if (resolved.reply() instanceof Answer answer) {
                        answer.chain().forEach(entry -> out.println("  via " + entry.name() + " -> " + entry.record().addresses()));
                    }
                }
                out.flush();
                if (resolved.reply() instanceof NotFound notFound) {
                    spec.commandLine().getErr().println("names resolve: " + notFound.message());
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                return 0;
            }
        }

        static String describe(String server, Reply reply) {
            if (reply instanceof ReferralReply referral) {
                return "referral  " + server + "  zone " + referral.referral().zone() + " servers " + referral.referral().servers()
                        + " remaining " + referral.referral().remaining();
            }
            if (reply instanceof Answer answer) {
                return "answer    " + server + "  " + answer.name() + " " + answer.record().type().wireName() + " "
                        + answer.record().addresses() + " ttlMs=" + answer.ttlMs()
                        + (answer.record().attributes().isEmpty() ? "" : " attributes=" + answer.record().attributes())
                        + (answer.stale() ? " (stale)" : "");
            }
            NotFound notFound = (NotFound) reply;
            return "not-found " + server + "  " + notFound.name() + " negativeTtlMs=" + notFound.negativeTtlMs();
        }
    }

    @Command(name = "zones", mixinStandardHelpOptions = true, description = "Lists the zones --server serves, with role and serial.")
    static final class Zones implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @CommandLine.Mixin
        private Server server;

        @Override
        public Integer call() {
            List<ZoneInfo> zones = NamingClient.of(server.url()).zones();
            PrintWriter out = spec.commandLine().getOut();
            int width = "ZONE".length();
            for (ZoneInfo zone : zones) {
                width = Math.max(width, zone.zone().length());
            }
            String format = "%-" + width + "s  %-9s  %8s  %7s  %s%n";
            out.printf(format, "ZONE", "ROLE", "SERIAL", "RECORDS", "PRIMARY");
            for (ZoneInfo zone : zones) {
                out.printf(format, zone.zone(), zone.role(), zone.serial(), zone.records(), zone.primary() == null ? "-" : zone.primary());
            }
            out.flush();
            return 0;
        }
    }
}
