package io.parley.coordinator.core;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One embedded PostgreSQL server per test class (prepared transactions on, durable commits), with bank databases. */
final class TestPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static TestPostgres start(Path directory) {
        try {
            return new TestPostgres(EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("pgdata")).setCleanDataDirectory(true)
                    .setServerConfig("max_prepared_transactions", "64")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates database {@code name} with an accounts table and returns its JDBC URL. */
    String createBank(String name, String account, long balance) {
        exec(url("postgres"), "CREATE DATABASE " + name);
        String url = url(name);
        exec(url, "CREATE TABLE accounts (id text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
        exec(url, "INSERT INTO accounts VALUES ('" + account + "', " + balance + ")");
        return url;
    }

    String url(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long queryLong(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long balance(String url, String account) {
        return queryLong(url, "SELECT balance FROM accounts WHERE id = '" + account + "'");
    }

    static long prepared(String url) {
        return queryLong(url, "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
