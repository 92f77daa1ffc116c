package io.parley.coordinator.xa;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Commits several XA resources of this JVM atomically with Narayana JTA, and recovers what a crash
 * left prepared:
 * <pre>{@code
 * try (XaTransactions xa = XaTransactions.start(XaConfig.of("bank", dataDir.resolve("xa")))) {
 *     xa.addRecoveryHelper(new PostgresXaRecovery(dataSourceA));
 *     xa.inTransaction(Duration.ofSeconds(30), tx -> {
 *         tx.enlist(new StillPreparedGuard(xaConnA.getXAResource()));   // then use xaConnA.getConnection()
 *         tx.enlist(artemisXaSession);                                   // then send on it
 *         return null;
 *     });
 * }
 * }</pre>
 * The work's exception rolls everything back. Narayana's environment is per JVM: one instance
 * per JVM (and not beside Parley's broker coordinator, which configures Narayana its own way).
 * Thread-safe: each call runs its transaction on the calling thread.
 */
public final class XaTransactions implements AutoCloseable {

    private static XaConfig applied;

    private final TransactionManager transactionManager;
    private final RecoveryManager recovery;

    private XaTransactions(XaConfig config) {
        configure(config);
        this.transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        this.recovery = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
    }

    public static XaTransactions start(XaConfig config) {
        return new XaTransactions(config);
    }

    private static synchronized void configure(XaConfig config) {
        if (applied != null) {
            if (!applied.equals(config)) {
                throw new IllegalStateException("Narayana in this JVM is already configured with " + applied + "; one XA configuration per JVM");
            }
            return;
        }
        try {
            Files.createDirectories(config.objectStoreDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("object store directory " + config.objectStoreDirectory() + " cannot be created", e);
        }
        String dir = config.objectStoreDirectory().toAbsolutePath().toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(config.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("nodeId '" + config.nodeId() + "': " + e.getMessage(), e);
        }
        BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class).setCommitOnePhase(true);
        JTAEnvironmentBean jta = BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class);
        jta.setXaRecoveryNodes(List.of(config.nodeId()));
        jta.setOrphanSafetyInterval((int) config.orphanSafetyInterval().toMillis());
        jta.setXaResourceOrphanFilterClassNames(List.of(JTATransactionLogXAResourceOrphanFilter.class.getName(),
                JTANodeNameXAResourceOrphanFilter.class.getName()));
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setRecoveryListener(false);
        recovery.setPeriodicRecoveryPeriod((int) config.recoveryPeriod().toSeconds());
        recovery.setRecoveryBackoffPeriod(1);
        recovery.setRecoveryModuleClassNames(List.of(AtomicActionRecoveryModule.class.getName(), XARecoveryModule.class.getName()));
        recovery.setExpiryScannerClassNames(List.of());
        recovery.setRecoveryActivatorClassNames(List.of());
        applied = config;
    }

    /** Registers where recovery finds prepared branches (one helper per resource manager). */
    public void addRecoveryHelper(XAResourceRecoveryHelper helper) {
        XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
        if (module == null) {
            throw new IllegalStateException("Narayana's XARecoveryModule is not running");
        }
        module.addXAResourceRecoveryHelper(helper);
    }

    /** Runs one recovery pass now (both phases); returns when it is done. */
    public void recoverNow() {
        recovery.scan();
    }

    /**
     * Runs {@code work} in an XA transaction and commits it; if the work throws, or a resource
     * cannot prepare, everything is rolled back and the exception is rethrown.
     */
    public <T> T inTransaction(Duration timeout, XaWork<T> work) throws Exception {
        transactionManager.setTransactionTimeout((int) Math.max(1, timeout.toSeconds()));
        transactionManager.begin();
        Transaction tx = transactionManager.getTransaction();
        T result;
        try {
            result = work.run(resource -> enlist(tx, resource));
        } catch (Exception | Error e) {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.rollback();
            }
            throw e;
        }
        transactionManager.commit();
        return result;
    }

    private static void enlist(Transaction tx, XAResource resource) {
        try {
            if (!tx.enlistResource(resource)) {
                throw new IllegalStateException("transaction " + tx + " refused resource " + resource);
            }
        } catch (jakarta.transaction.RollbackException | jakarta.transaction.SystemException e) {
            throw new IllegalStateException("cannot enlist " + resource + " in " + tx + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        recovery.terminate();
    }
}
