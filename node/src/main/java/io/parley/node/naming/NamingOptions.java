package io.parley.node.naming;

import io.parley.naming.server.NamingServerConfig;
import io.parley.naming.server.store.StorageConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The naming service's section of a node's configuration: the zones the node is primary for
 * ({@code --zone}), the root servers it asks about other names ({@code --root}), the primaries it
 * copies zones from ({@code --secondary-of}), and optionally a PostgreSQL database instead of the
 * embedded H2 database under {@code <data>/naming}. Immutable; {@link #serverConfig} validates it
 * (the same rules as a standalone name server), naming the key and the value.
 *
 * @param zones         zone apexes ({@code /}, {@code /nl}); none and no roots/primaries means the root zone {@code /}
 * @param roots         root name server URLs
 * @param secondaryOf   primary name server URLs whose zones this node copies
 * @param jdbcUrl       {@code jdbc:postgresql:...} for PostgreSQL; null for the embedded default
 * @param jdbcUser      database user (PostgreSQL)
 * @param jdbcPassword  database password (PostgreSQL)
 */
public record NamingOptions(List<String> zones, List<String> roots, List<String> secondaryOf, String jdbcUrl,
                            String jdbcUser, String jdbcPassword) {

    public NamingOptions {
        zones = List.copyOf(zones);
        roots = List.copyOf(roots);
        secondaryOf = List.copyOf(secondaryOf);
        // flags, the config file and code meet the name server's own rules here, when the node's config is made
        check(zones, roots, secondaryOf, jdbcUrl, jdbcUser, jdbcPassword);
    }

    private static void check(List<String> zones, List<String> roots, List<String> secondaryOf, String jdbcUrl,
                              String jdbcUser, String jdbcPassword) {
        NamingServerConfig.builder().zones(zones).roots(roots).secondaryOf(secondaryOf)
                .storage(jdbcUrl != null ? StorageConfig.postgres(jdbcUrl, jdbcUser, jdbcPassword) : StorageConfig.embedded(Path.of(".")))
                .build();
    }

    /** The defaults: the root zone, embedded storage. */
    public static NamingOptions defaults() {
        return new NamingOptions(List.of(), List.of(), List.of(), null, null, null);
    }

    /** The name server configuration for a node whose data directory is {@code dataDirectory}; throws naming a bad value. */
    public NamingServerConfig serverConfig(Path dataDirectory) {
        NamingServerConfig.Builder builder = NamingServerConfig.builder().zones(zones).roots(roots).secondaryOf(secondaryOf);
        if (jdbcUrl != null) {
            builder.storage(StorageConfig.postgres(jdbcUrl, jdbcUser, jdbcPassword));
        } else {
            builder.dataDirectory(dataDirectory.resolve("naming"));
        }
        return builder.build();
    }
}
