package io.parley.node.naming;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The naming flags of {@code parley node} (a picocli mixin): {@code --zone}, {@code --root}, {@code --secondary-of}, {@code --naming-jdbc-*}. */
public final class NamingFlags {

    @Option(names = "--zone", paramLabel = "ZONE", description = "A zone this node's name server is primary for (repeatable), e.g. /nl. Default: the root zone /.")
    private List<String> zones = new ArrayList<>();

    @Option(names = "--root", paramLabel = "URL", description = "A root name server asked about names outside this node's zones (repeatable).")
    private List<String> roots = new ArrayList<>();

    @Option(names = "--secondary-of", paramLabel = "URL", description = "A primary name server whose zones this node copies by serial (repeatable).")
    private List<String> secondaryOf = new ArrayList<>();

    @Option(names = "--naming-jdbc-url", paramLabel = "URL", description = "PostgreSQL for the name server (jdbc:postgresql://...). Default: H2 under <data>/naming.")
    private String jdbcUrl;

    @Option(names = "--naming-jdbc-user", paramLabel = "USER", description = "PostgreSQL user for the name server.")
    private String jdbcUser;

    @Option(names = "--naming-jdbc-password", paramLabel = "PASSWORD", description = "PostgreSQL password for the name server.")
    private String jdbcPassword;

    /** The options the flags give. */
    public NamingOptions options() {
        return over(NamingOptions.defaults());
    }

    /** {@code base} (e.g. from the config file) with every flag given here overriding its key. */
    public NamingOptions over(NamingOptions base) {
        return new NamingOptions(zones.isEmpty() ? base.zones() : zones, roots.isEmpty() ? base.roots() : roots,
                secondaryOf.isEmpty() ? base.secondaryOf() : secondaryOf, jdbcUrl != null ? jdbcUrl : base.jdbcUrl(),
                jdbcUser != null ? jdbcUser : base.jdbcUser(), jdbcPassword != null ? jdbcPassword : base.jdbcPassword());
    }
}
