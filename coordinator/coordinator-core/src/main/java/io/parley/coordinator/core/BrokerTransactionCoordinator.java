package io.parley.coordinator.core;

import com.arjuna.ats.arjuna.AtomicAction;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.RecoveryStore;
import com.arjuna.ats.arjuna.objectstore.StateStatus;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.internal.arjuna.common.UidHelper;
import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Subscription;
import io.parley.common.ErrorCode;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionCoordinator;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator of global transactions over broker queues, on Narayana ArjunaCore (see the
 * package comment for the message flow). Starting it configures Narayana for this JVM, consumes the
 * coordinator queue, lists the decisions the object store holds and starts the in-process recovery
 * manager, which replays phase two of every logged decision. One per JVM. Thread-safe. Owns its
 * subscription and the recovery manager; the broker is the caller's.
 */
public final class BrokerTransactionCoordinator implements TransactionCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTransactionCoordinator.class);
    private static final String ACTION_TYPE = new AtomicAction().type();

    private final CoordinatorRuntime runtime;
    private final Map<String, NarayanaGlobalTransaction> live = new ConcurrentHashMap<>();
    private final Subscription subscription;
    private final RecoveryManager recovery;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-coordinator-timeouts");
        t.setDaemon(true);
        return t;
    });

    private BrokerTransactionCoordinator(Broker broker, CoordinatorConfig config, Clock clock) {
        NarayanaSetup.apply(config);
        this.runtime = new CoordinatorRuntime(broker, config, new TransactionRegistry(clock, config.historySize()), clock);
        CoordinatorRuntime.install(runtime);
        try {
            loggedTransactions().forEach(id -> runtime.registry.recovered(id, null));
            CoordinatorInbox inbox = new CoordinatorInbox(runtime, id -> Optional.ofNullable(live.get(id)), this::isLogged);
            this.subscription = broker.notify(config.coordinatorQueue(), inbox::onMessage,
                    ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(config.concurrency()));
            this.recovery = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
            sweeper.scheduleWithFixedDelay(this::expireTimedOut, 1, 1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            CoordinatorRuntime.uninstall(runtime);
            throw e;
        }
        LOG.info("coordinator {} started; object store {}{}", config.coordinatorQueue(), config.objectStoreDirectory(),
                config.jdbcStore().map(j -> " (JDBC store " + j.url() + ")").orElse(""));
    }

    public static BrokerTransactionCoordinator start(Broker broker, CoordinatorConfig config, Clock clock) {
        return new BrokerTransactionCoordinator(broker, config, clock);
    }

    @Override
    public String queue() {
        return runtime.queue();
    }

    @Override
    public GlobalTransaction begin(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "transaction timeout " + timeout.toMillis()
                    + " ms is outside 1..86400000 ms");
        }
        AtomicAction action = new AtomicAction();
        action.begin((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
        AtomicAction.suspend();
        String id = action.get_uid().stringForm();
        TransactionContext context = new TransactionContext(id, runtime.queue(), Protocol.TWO_PHASE);
        NarayanaGlobalTransaction tx = new NarayanaGlobalTransaction(action, context, runtime, t -> live.remove(t.id()));
        runtime.registry.begun(id);
        live.put(id, tx);
        return tx;
    }

    @Override
    public Optional<GlobalTransaction> find(String transactionId) {
        return Optional.ofNullable(live.get(transactionId));
    }

    /** Transactions the reaper rolled back on timeout end here (state, reason, participants told), not at their next call. */
    private void expireTimedOut() {
        for (NarayanaGlobalTransaction tx : live.values()) {
            try {
                tx.expireIfTimedOut();
            } catch (RuntimeException e) {
                LOG.warn("coordinator: ending timed-out transaction {} failed", tx.id(), e);
            }
        }
    }

    /** The admin model over this coordinator (and participants hosted beside it). */
    TransactionRegistry registry() {
        return runtime.registry;
    }

    /** Runs a recovery scan now (phase two of every logged, unfinished decision); returns when it is done. */
    public void recoverNow() {
        recovery.scan();
    }

    boolean isLogged(String transactionId) {
        Uid uid = new Uid(transactionId, true);
        if (!uid.valid()) {
            return false;
        }
        try {
            int state = StoreManager.getRecoveryStore().currentState(uid, ACTION_TYPE);
            return state == StateStatus.OS_COMMITTED || state == StateStatus.OS_UNCOMMITTED;
        } catch (ObjectStoreException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "coordinator log unreadable: " + e.getMessage(), e);
        }
    }

    /** Ids of the transactions whose commit decision the object store holds (phase two unfinished). */
    List<String> loggedTransactions() {
        RecoveryStore store = StoreManager.getRecoveryStore();
        InputObjectState uids = new InputObjectState();
        List<String> ids = new ArrayList<>();
        try {
            if (store.allObjUids(ACTION_TYPE, uids)) {
                while (true) {
                    Uid uid = UidHelper.unpackFrom(uids);
                    if (uid.equals(Uid.nullUid())) {
                        break;
                    }
                    ids.add(uid.stringForm());
                }
            }
        } catch (ObjectStoreException | IOException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "coordinator log unreadable: " + e.getMessage(), e);
        }
        return ids;
    }

    CoordinatorRuntime runtime() {
        return runtime;
    }

    Optional<NarayanaGlobalTransaction> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    @Override
    public void close() {
        try {
            sweeper.shutdownNow();
            subscription.close();
            recovery.terminate();
        } finally {
            CoordinatorRuntime.uninstall(runtime);
        }
    }
}
