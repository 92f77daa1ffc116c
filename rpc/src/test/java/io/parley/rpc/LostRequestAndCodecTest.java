package io.parley.rpc;

import io.parley.broker.Broker;
import io.parley.broker.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "request lost" failure class (the client's next copy gets through), and a pluggable codec. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LostRequestAndCodecTest {

    /** JSON under another content type: a stand-in for any other codec. */
    static final class TaggedCodec implements Codec {
        private final JacksonCodec json = new JacksonCodec();

        @Override
        public String contentType() {
            return "application/x-tagged+json";
        }

        @Override
        public byte[] encodeArguments(Object[] arguments, Type[] types) {
            return json.encodeArguments(arguments, types);
        }

        @Override
        public Object[] decodeArguments(byte[] body, Type[] types) {
            return json.decodeArguments(body, types);
        }

        @Override
        public int countArguments(byte[] body) {
            return json.countArguments(body);
        }

        @Override
        public byte[] encodeResult(Object result, Type type) {
            return json.encodeResult(result, type);
        }

        @Override
        public Object decodeResult(byte[] body, Type type) {
            return json.decodeResult(body, type);
        }
    }

    @TempDir
    static Path directory;
    static TestEngine engine;
    static Broker serverBroker;
    static Broker clientBroker;

    @BeforeAll
    static void start() {
        engine = new TestEngine(directory);
        serverBroker = engine.broker("lost-server");
        clientBroker = engine.broker("lost-client");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void shouldGetThroughWithTheNextCopyWhenARequestIsLost() throws Exception {
        CountingLedger ledger = new CountingLedger();
        try (RpcClient client = RpcClient.builder(clientBroker)
                .config(RpcClientConfig.builder().attemptTimeout(Duration.ofMillis(500)).build()).build()) {
            CompletableFuture<Integer> call = client.stub(LedgerAsync.class, "lossy").record("once");
            // nobody serves the queue yet: take the first copy away, as a lost request
            Optional<Message> lost = clientBroker.get("rpc.lossy", Duration.ofSeconds(30));
            assertThat(lost).isPresent();
            try (RpcServer server = RpcServer.builder(serverBroker)
                    .config(RpcServerConfig.builder().stateDirectory(directory.resolve("lossy")).workers(1).build()).build()) {
                server.export("lossy", Ledger.class, ledger);
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        }
        assertThat(ledger.executions("once")).isEqualTo(1);
    }

    @Test
    void shouldCallThroughAPluggableCodecAndRefuseAnotherContentType() {
        CountingLedger ledger = new CountingLedger();
        try (RpcServer server = RpcServer.builder(serverBroker).codec(new TaggedCodec())
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("tagged")).workers(1).build()).build();
             RpcClient tagged = RpcClient.builder(clientBroker).codec(new TaggedCodec()).build();
             RpcClient plain = RpcClient.builder(clientBroker).build()) {
            server.export("tagged", Ledger.class, ledger);
            assertThat(tagged.stub(Ledger.class, "tagged").record("a")).isEqualTo(1);
            assertThatThrownBy(() -> plain.stub(Ledger.class, "tagged").record("b"))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                    .hasMessageContaining("request content type 'application/json' is not the server codec's 'application/x-tagged+json'");
        }
        assertThat(ledger.executions("b")).isZero();
    }
}
