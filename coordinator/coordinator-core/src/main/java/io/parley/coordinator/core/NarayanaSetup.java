package io.parley.coordinator.core;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.coordinator.abstractrecord.RecordTypeManager;
import com.arjuna.ats.internal.arjuna.objectstore.jdbc.JDBCStore;
import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Configures Narayana's per-JVM environment beans programmatically (no properties file): the object
 * store (file store under the configured directory, or the JDBC store on PostgreSQL), the node
 * identifier, recovery periods and modules, and registers {@link ParticipantRecord}'s type. Narayana
 * reads its beans once, so this must run before any transaction; a second call with a different
 * store is refused.
 */
final class NarayanaSetup {

    private static CoordinatorConfig applied;

    private NarayanaSetup() {
    }

    /**
     * Narayana's accessor sets data source properties from a map (in no fixed order) and splits
     * {@code key=value;...}: credentials go inside the URL, and '=' and ';' are escaped its way.
     */
    private static String urlWithCredentials(CoordinatorConfig.JdbcStore jdbc) {
        StringBuilder url = new StringBuilder(jdbc.url());
        if (jdbc.user() != null && !jdbc.url().contains("user=")) {
            url.append(jdbc.url().contains("?") ? '&' : '?').append("user=").append(URLEncoder.encode(jdbc.user(), StandardCharsets.UTF_8));
        }
        if (jdbc.password() != null && !jdbc.url().contains("password=")) {
            url.append(url.indexOf("?") >= 0 ? '&' : '?').append("password=").append(URLEncoder.encode(jdbc.password(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private static String escape(String value) {
        return value.replace("=", "\\equ").replace(";", "\\semi");
    }

    static synchronized void apply(CoordinatorConfig config) {
        if (applied != null) {
            if (!applied.objectStoreDirectory().equals(config.objectStoreDirectory()) || !applied.nodeId().equals(config.nodeId())
                    || !applied.jdbcStore().equals(config.jdbcStore())) {
                throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "Narayana in this JVM already uses node '" + applied.nodeId()
                        + "' and object store " + applied.objectStoreDirectory() + "; one coordinator configuration per JVM");
            }
            return;
        }
        try {
            Files.createDirectories(config.objectStoreDirectory());
        } catch (IOException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "object store directory " + config.objectStoreDirectory()
                    + " cannot be created: " + e.getMessage(), e);
        }
        String dir = config.objectStoreDirectory().toAbsolutePath().toString();
        for (String name : List.of("default", "stateStore", "communicationStore")) {
            ObjectStoreEnvironmentBean store = name.equals("default")
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            store.setObjectStoreDir(dir);
            store.setTransactionSync(true);
            config.jdbcStore().filter(j -> !name.equals("communicationStore")).ifPresent(jdbc -> {
                store.setObjectStoreType(JDBCStore.class.getName());
                store.setJdbcAccess("com.arjuna.ats.internal.arjuna.objectstore.jdbc.accessors.DynamicDataSourceJDBCAccess"
                        + ";ClassName=org.postgresql.ds.PGSimpleDataSource;URL=" + escape(urlWithCredentials(jdbc)));
                store.setTablePrefix("parley_" + config.nodeId().replace('-', '_') + "_");
                store.setCreateTable(true);
            });
        }
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(config.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "coordinator nodeId '" + config.nodeId() + "': " + e.getMessage(), e);
        }
        CoordinatorEnvironmentBean coordinator = BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class);
        // Narayana visits the records on the committing thread, no hand-off to its two-phase commit pool; the records
        // themselves reach all participants at once (PhaseProgress sends every VOTE_REQUEST / GLOBAL_COMMIT before any wait).
        // asyncCommit would also end commit() before phase two: the outcome must wait for the ACKs (heuristics, admin state).
        coordinator.setAsyncPrepare(false);
        coordinator.setAsyncCommit(false);
        // one participant still runs both phases with a logged decision: its READY state must be answerable after a crash
        coordinator.setCommitOnePhase(false);
        coordinator.setMaintainHeuristics(true);
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setRecoveryListener(false);
        recovery.setPeriodicRecoveryPeriod((int) Math.max(1, config.recoveryPeriod().toSeconds()));
        recovery.setRecoveryBackoffPeriod(1);
        recovery.setPeriodicRecoveryInitilizationOffset(0);
        recovery.setRecoveryModuleClassNames(List.of(AtomicActionRecoveryModule.class.getName()));
        recovery.setExpiryScannerClassNames(List.of());
        recovery.setRecoveryActivatorClassNames(List.of());
        RecordTypeManager.manager().add(new ParticipantRecord.TypeMap());
        applied = config;
    }
}
