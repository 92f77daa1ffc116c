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
 * Mode {@code ticket}: makes a deferred-synchronous {@code sleep(2000)}, prints {@code TICKET <text>}
 * and waits forever (the test kills it). Mode {@code collect}: collects the ticket given as the
 * fifth argument and prints {@code COLLECTED <value>}.
 */
public final class CallerMain {

    /** The service the test JVM serves. */
    public interface Slow {
        long sleep(long millis) throws InterruptedException;
    }

    /** The caller's deferred-synchronous view of {@link Slow}. */
    public interface SlowTickets {
        io.parley.rpc.Ticket<Long> sleep(long millis);
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
            } else if (mode.equals("ticket")) {
                System.out.println("TICKET " + client.stub(SlowTickets.class, "slow").sleep(2_000));
                System.out.flush();
                new java.util.concurrent.CountDownLatch(1).await();   // parked until the test kills this JVM
            } else if (mode.equals("collect")) {
                Long value = client.ticket(args[4], Long.class).await(Duration.ofSeconds(60)).orElseThrow();
                System.out.println("COLLECTED " + value);
            }
        }
        System.exit(0);
    }

    private CallerMain() {
    }
}
