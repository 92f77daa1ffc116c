package io.parley.coordinator.participant;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A PostgreSQL database as a participant. Work for a transaction runs in a local transaction on a
 * connection held for it ({@link #work}); phase one turns that local transaction into a prepared
 * one:
 * <pre>
 *   VOTE_REQUEST  -> PREPARE TRANSACTION 'parley-&lt;name&gt;-&lt;txId&gt;'   then VOTE_COMMIT (VOTE_ABORT if it fails)
 *   GLOBAL_COMMIT -> COMMIT PREPARED '...'                           (already gone: done)
 *   GLOBAL_ABORT  -> ROLLBACK PREPARED '...' or rollback of the local transaction
 * </pre>
 * The server's {@code pg_prepared_xacts} holds READY transactions durably; {@link #prepared()} lists
 * this participant's own gids there. The server needs {@code max_prepared_transactions > 0}.
 *
 * <p>Thread-safe: each transaction's work runs on its own connection; connections are pooled.
 */
public final class PostgresParticipant implements Participant, AutoCloseable {

    /** Work on the transaction's connection (auto-commit off). */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PostgresParticipant.class);
    /** PostgreSQL: "prepared transaction with identifier ... does not exist". */
    private static final String UNDEFINED_OBJECT = "42704";

    private final Duration lockTimeout;
    private final String name;
    private final String jdbcUrl;
    private final Properties properties;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final Map<String, Connection> working = new ConcurrentHashMap<>();
    /** Transactions whose work failed here, with why: the reason of their vote to abort. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /**
     * Transactions prepared, committed or rolled back here since this participant started, and
     * those it found prepared when it started (the most recent {@value #MAX_SEALED}): work for them
     * would start a new local transaction that no prepare ever covers, so it is refused.
     */
    private final Set<String> sealed = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_SEALED;
        }
    }));
    private static final int MAX_SEALED = 100_000;

    /** Default for how long work waits for a row lock before it fails (and the participant votes abort). */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    public PostgresParticipant(String name, String jdbcUrl, String user, String password) {
        this(name, jdbcUrl, user, password, DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * @param lockTimeout how long work waits for a row lock (PostgreSQL {@code lock_timeout}); a
     *                    transaction blocked behind another global transaction's lock fails instead
     *                    of waiting for that transaction's coordinator
     */
    public PostgresParticipant(String name, String jdbcUrl, String user, String password, Duration lockTimeout) {
        if (lockTimeout.isNegative() || lockTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "participant " + name + ": lockTimeout " + lockTimeout.toMillis()
                    + " ms is outside 0..3600000 ms");
        }
        this.lockTimeout = lockTimeout;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        checkPreparedTransactionsEnabled();
        // prepared before this instance (a restart): work for them must be refused here too
        sealed.addAll(prepared());
    }

    /** The gid of a transaction at this participant. */
    public String gid(String transactionId) {
        return "parley-" + name + "-" + transactionId;
    }

    /**
     * Runs {@code work} inside the transaction's local database transaction (started on first work).
     * If the work throws, the local transaction is rolled back and the participant will vote abort.
     *
     * @throws TransactionException ABORTED when the transaction's work already failed here, or the
     *                              transaction is already prepared or ended here
     */
    public <T> T work(String transactionId, SqlWork<T> work) {
        if (failed.containsKey(transactionId)) {
            throw new TransactionException(ErrorCode.ABORTED, "participant " + name + ": transaction " + transactionId
                    + " already failed here and will be aborted");
        }
        if (sealed.contains(transactionId)) {
            throw new TransactionException(ErrorCode.ABORTED, "participant " + name + ": transaction " + transactionId
                    + " is already prepared or ended here; it takes no more work");
        }
        Connection connection = working.computeIfAbsent(transactionId, id -> borrow(false));
        synchronized (connection) {
            try {
                return work.run(connection);
            } catch (SQLException | RuntimeException e) {
                failed.put(transactionId, "its work failed: " + e.getMessage());
                working.remove(transactionId, connection);
                rollbackAndRelease(connection);
                if (e instanceof SQLException sql) {
                    throw new TransactionException(ErrorCode.ABORTED, "participant " + name + ": work for transaction "
                            + transactionId + " failed: " + sql.getMessage(), sql);
                }
                throw (RuntimeException) e;
            }
        }
    }

    @Override
    public PrepareResult prepare(String transactionId) {
        sealed.add(transactionId);
        Connection connection = working.remove(transactionId);
        if (connection == null) {
            String failure = failed.remove(transactionId);
            if (failure != null) {
                return PrepareResult.abort(failure);
            }
            if (prepared().contains(transactionId)) {
                return PrepareResult.commit();
            }
            LOG.info("participant {}: no work in progress for transaction {} (lost in a restart, or none done); voting abort", name, transactionId);
            return PrepareResult.abort("no work in progress here (lost in a restart of the participant, or none was done)");
        }
        synchronized (connection) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PREPARE TRANSACTION '" + gid(transactionId) + "'");
                connection.setAutoCommit(true);
                idle.offer(connection);
                return PrepareResult.commit();
            } catch (SQLException e) {
                LOG.warn("participant {}: PREPARE TRANSACTION of {} failed; voting abort: {}", name, transactionId, e.getMessage());
                rollbackAndRelease(connection);
                return PrepareResult.abort("PREPARE TRANSACTION failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void commit(String transactionId) {
        sealed.add(transactionId);
        finishPrepared("COMMIT PREPARED", transactionId);
    }

    @Override
    public void abort(String transactionId) {
        sealed.add(transactionId);
        failed.remove(transactionId);
        Connection connection = working.remove(transactionId);
        if (connection != null) {
            try {
                // the work may be blocked on a lock: abort the connection instead of waiting for it; the server rolls back
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                LOG.debug("participant {}: aborting the connection of {} failed", name, transactionId, e);
            }
            return;
        }
        finishPrepared("ROLLBACK PREPARED", transactionId);
    }

    private void finishPrepared(String command, String transactionId) {
        Connection connection = borrow(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute(command + " '" + gid(transactionId) + "'");
            idle.offer(connection);
        } catch (SQLException e) {
            if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
                idle.offer(connection);
                LOG.debug("participant {}: {} of {}: no such prepared transaction (already done)", name, command, transactionId);
                return;
            }
            closeQuietly(connection);
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant " + name + ": " + command + " of " + transactionId
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> prepared() {
        String prefix = gid("");
        Connection connection = borrow(true);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, ?)")) {
            query.setString(1, prefix);
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1).substring(prefix.length()));
                }
            }
            idle.offer(connection);
            return ids;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant " + name + ": cannot list pg_prepared_xacts: "
                    + e.getMessage(), e);
        }
    }

    private void checkPreparedTransactionsEnabled() {
        Connection connection = borrow(true);
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW max_prepared_transactions")) {
            row.next();
            int max = Integer.parseInt(row.getString(1));
            idle.offer(connection);
            if (max <= 0) {
                throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "participant " + name + ": server " + jdbcUrl
                        + " has max_prepared_transactions = " + max + "; two-phase commit needs at least 1");
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant " + name + ": cannot read max_prepared_transactions: "
                    + e.getMessage(), e);
        }
    }

    private Connection borrow(boolean autoCommit) {
        Connection connection = idle.poll();
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(jdbcUrl, properties);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET lock_timeout = " + lockTimeout.toMillis());
                }
            }
            connection.setAutoCommit(autoCommit);
            return connection;
        } catch (SQLException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant " + name + ": cannot connect to " + jdbcUrl + ": "
                    + e.getMessage(), e);
        }
    }

    private void rollbackAndRelease(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            idle.offer(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a broken connection failed", e);
        }
    }

    @Override
    public void close() {
        working.values().forEach(PostgresParticipant::closeQuietly);
        working.clear();
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
