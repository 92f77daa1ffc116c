package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A bank participant in its own JVM for crash tests: {@code <brokerUrl> <name> <jdbcUrl> <workDir>}.
 * Prints {@code BANK READY} and serves until killed. A crash point is armed with {@code -Dparley.tx.crashPoint=...}.
 */
public final class BankProcess {

    private BankProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path work = Path.of(args[3]);
        Broker broker = Brokers.openOwning(ArtemisEngine.connect(args[0]), BrokerConfig.builder().clientId("bank-" + args[1] + "-"
                + ProcessHandle.current().pid()).nodeId(args[1]).stateDirectory(work.resolve("client")).build());
        BankService bank = new BankService(broker, args[1], args[2], work.resolve("participant.log"), Duration.ofSeconds(1));
        System.out.println("BANK READY " + bank.endpoint.participant().queue());
        Thread.currentThread().join();
    }
}
