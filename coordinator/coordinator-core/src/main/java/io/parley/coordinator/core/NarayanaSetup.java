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
                        + ";ClassName=org.postgresql.ds.PGSimpleDataSource;URL=" + jdbc.url()
                        + (jdbc.user() == null ? "" : ";User=" + jdbc.user()) + (jdbc.password() == null ? "" : ";Password=" + jdbc.password()));
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
        coordinator.setAsyncPrepare(true);
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
