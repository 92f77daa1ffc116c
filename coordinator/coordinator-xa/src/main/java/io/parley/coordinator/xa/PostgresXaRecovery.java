package io.parley.coordinator.xa;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import org.postgresql.xa.PGXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import java.sql.SQLException;

/**
 * Gives Narayana's XA recovery the prepared branches of one PostgreSQL database: an XA connection
 * opened on first scan and reopened if it broke, wrapped in {@link StillPreparedGuard}.
 * Called by the recovery thread only.
 */
public final class PostgresXaRecovery implements XAResourceRecoveryHelper, AutoCloseable {

    private final PGXADataSource dataSource;
    private XAConnection connection;

    public PostgresXaRecovery(PGXADataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean initialise(String ignored) {
        return true;
    }

    @Override
    public synchronized XAResource[] getXAResources() throws SQLException {
        if (connection != null && !connection.getConnection().isValid(5)) {
            close();
        }
        if (connection == null) {
            connection = dataSource.getXAConnection();
        }
        return new XAResource[]{new StillPreparedGuard(connection.getXAResource())};
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // a broken connection: nothing left to release
            }
            connection = null;
        }
    }
}
