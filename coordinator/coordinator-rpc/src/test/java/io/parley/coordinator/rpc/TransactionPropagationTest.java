package io.parley.coordinator.rpc;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.protocol.Protocol;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction context travels in RPC headers from a caller's current transaction to the method's. */
class TransactionPropagationTest {

    /** The service under call: answers the transaction it runs in. */
    public interface Teller {
        String currentTransaction();
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldMakeTheCallersTransactionCurrentInTheRemoteMethod() throws Exception {
        ArtemisEngine engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).messagingPort(0).build());
        try (Broker serverBroker = Brokers.openOwning(engine, BrokerConfig.builder().clientId("server").stateDirectory(dir.resolve("s")).build());
             Broker clientBroker = Brokers.open(engine, BrokerConfig.builder().clientId("client").stateDirectory(dir.resolve("c")).build());
             RpcServer server = RpcServer.builder(serverBroker).config(RpcServerConfig.builder().stateDirectory(dir.resolve("rpc")).build())
                     .interceptor(new TransactionServerInterceptor()).build();
             RpcClient client = RpcClient.builder(clientBroker).interceptor(new TransactionClientInterceptor()).build()) {
            server.export("teller", Teller.class, () -> CurrentTransaction.get()
                    .map(c -> c.transactionId() + "@" + c.coordinatorQueue() + "/" + c.protocol().wireName()).orElse("none"));
            Teller teller = client.stub(Teller.class, "teller");
            TransactionContext context = new TransactionContext("0:ffff7f000001:1:2:3", "parley.tx.coordinator.hq", Protocol.TWO_PHASE);

            String inside = CurrentTransaction.callIn(context, teller::currentTransaction);
            String outside = teller.currentTransaction();

            assertThat(inside).isEqualTo("0:ffff7f000001:1:2:3@parley.tx.coordinator.hq/2pc");
            assertThat(outside).isEqualTo("none");
            assertThat(CurrentTransaction.get()).isEmpty();
        }
    }
}
