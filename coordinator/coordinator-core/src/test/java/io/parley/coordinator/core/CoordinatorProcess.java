package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A coordinator in its own JVM for crash tests: {@code <brokerUrl> <storeDir> <nodeId> <transfers> <amount>}.
 * Runs {@code transfers} transfers of {@code amount} from a/alice to b/bob, printing
 * {@code BEGIN <id>} before each and {@code OUTCOME <id> <status>} after, then keeps coordinating
 * (recovery included) until killed. A crash point is armed with {@code -Dparley.tx.crashPoint=...}.
 */
public final class CoordinatorProcess {

    private CoordinatorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        Path store = Path.of(args[1]);
        String nodeId = args[2];
        int transfers = Integer.parseInt(args[3]);
        long amount = Long.parseLong(args[4]);
        Broker broker = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId("coordinator-" + ProcessHandle.current().pid())
                .nodeId(nodeId).stateDirectory(store.resolve("client")).build());
        BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(broker, CoordinatorConfig.builder().nodeId(nodeId)
                .objectStoreDirectory(store.resolve("objectstore")).voteTimeout(Duration.ofSeconds(5)).ackTimeout(Duration.ofSeconds(3))
                .recoveryPeriod(Duration.ofSeconds(1)).build(), Clock.systemUTC());
        System.out.println("COORDINATOR READY " + coordinator.queue());
        for (int i = 0; i < transfers; i++) {
            Transfers.Result result = Transfers.transfer(coordinator, broker, "a", "alice", "b", "bob", amount,
                    id -> System.out.println("BEGIN " + id));
            System.out.println("OUTCOME " + result.transactionId() + " " + result.outcome().status());
        }
        System.out.println("TRANSFERS DONE");
        Thread.currentThread().join();
    }
}
