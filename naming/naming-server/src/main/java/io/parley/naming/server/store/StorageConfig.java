package io.parley.naming.server.store;

import io.parley.naming.InvalidNameException;

import java.nio.file.Path;

/**
 * Where a name server keeps its zones: a JDBC URL (PostgreSQL in production, an H2 file database by
 * default), credentials and the connection pool size. Immutable; validated on construction.
 */
public record StorageConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    public StorageConfig {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:postgresql:") || jdbcUrl.startsWith("jdbc:h2:"))) {
            throw new InvalidNameException("naming storage jdbcUrl '" + jdbcUrl + "' is not supported; use jdbc:postgresql:... or jdbc:h2:...");
        }
        if (maxPoolSize < 1 || maxPoolSize > 100) {
            throw new InvalidNameException("naming storage maxPoolSize " + maxPoolSize + " is outside 1..100");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The zero-setup default: an H2 file database {@code naming} in {@code directory}. */
    public static StorageConfig embedded(Path directory) {
        return new StorageConfig("jdbc:h2:file:" + directory.toAbsolutePath().resolve("naming") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "sa", "", 4);
    }

    /** A PostgreSQL database. */
    public static StorageConfig postgres(String jdbcUrl, String user, String password) {
        return new StorageConfig(jdbcUrl, user, password, 4);
    }

    @Override
    public String toString() {
        return "StorageConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
