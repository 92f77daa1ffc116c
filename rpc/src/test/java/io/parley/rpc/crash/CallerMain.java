package io.parley.rpc.crash;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcClientConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child JVM: a caller with a stable caller id. Args: messagingUrl stateDirectory callerId mode.
 * Mode {@code block}: calls {@code slow.sleep(60000)} and waits for the reply (the test kills it
 * meanwhile). Mode {@code restart}: starts (a new epoch, announced), prints it, and exits.
 */
public final class CallerMain {

    /** The service the test JVM serves. */
    public interface Slow {
        long sleep(long millis) throws InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path state = Path.of(args[1]);
        String callerId = args[2];
        String mode = args[3];
        try (Broker broker = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId(callerId)
                .stateDirectory(state.resolve("broker")).build());
             RpcClient client = RpcClient.builder(broker).config(RpcClientConfig.builder().callerId(callerId)
                     .stateDirectory(state.resolve("rpc")).defaultDeadline(Duration.ofSeconds(90)).build()).build()) {
            System.out.println("EPOCH " + client.epoch());
            System.out.flush();
            if (mode.equals("block")) {
                long slept = client.stub(Slow.class, "slow").sleep(60_000);
                System.out.println("REPLY " + slept);
            }
        }
        System.exit(0);
    }

    private CallerMain() {
    }
}
