package io.parley.rpc;

import io.parley.broker.Broker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed remote errors with stable statuses, and Jackson marshalling of records, generics, Optional and java.time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErrorsAndMarshallingTest {

    static final class Shop implements Catalog {
        @Override
        public Order echo(Order order) {
            return order;
        }

        @Override
        public Map<String, List<Item>> group(List<Item> items) {
            return items.stream().collect(Collectors.groupingBy(Item::sku));
        }

        @Override
        public Optional<Item> find(String sku) {
            return sku.equals("none") ? Optional.empty()
                    : Optional.of(new Item(sku, 1, Optional.of("found"), Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMinutes(5)));
        }

        @Override
        public String read(String file) throws IOException {
            throw new NoSuchFileException(file);
        }

        @Override
        public String explode(String why) {
            throw new IllegalStateException("exploded: " + why, new IllegalArgumentException("root cause", new ArithmeticException("deep")));
        }

        @Override
        public String refuse(String why) {
            throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "refused: " + why);
        }

        @Override
        public int add(int a, int b) {
            return a + b;
        }
    }

    /** A caller's older view of {@link Catalog.Item}: fewer fields. */
    public interface OldCatalog {
        record Item(String sku, int quantity) {
        }

        Optional<Item> find(String sku);
    }

    public interface Missing {
        int subtract(int a, int b);
    }

    @TempDir
    static Path directory;
    static TestEngine engine;
    static RpcServer server;
    static Broker clientBroker;
    static RpcClient client;
    static Catalog catalog;

    @BeforeAll
    static void start() {
        engine = new TestEngine(directory);
        server = RpcServer.builder(engine.broker("errors-server"))
                .config(RpcServerConfig.builder().stateDirectory(directory.resolve("server")).workers(2).build()).build();
        server.export("catalog", Catalog.class, new Shop());
        clientBroker = engine.broker("errors-client");
        client = RpcClient.builder(clientBroker).build();
        catalog = client.stub(Catalog.class, "catalog");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        engine.close();
    }

    @Test
    void shouldMarshalRecordsGenericsOptionalAndJavaTime() {
        Catalog.Item item = new Catalog.Item("a", 2, Optional.empty(), Instant.parse("2026-11-21T10:00:00.123Z"), Duration.ofSeconds(90));
        Catalog.Order order = new Catalog.Order("o-1", List.of(item, new Catalog.Item("b", 1, Optional.of("gift"), Instant.EPOCH, Duration.ZERO)),
                Map.of("due", LocalDate.of(2026, 12, 24)));
        assertThat(catalog.echo(order)).isEqualTo(order);
        assertThat(catalog.group(order.items()).get("a")).containsExactly(item);
        assertThat(catalog.find("none")).isEmpty();
        assertThat(catalog.find("x")).get().extracting(Catalog.Item::ttl).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldIgnoreUnknownFieldsSoServicesCanEvolve() {
        OldCatalog old = client.stub(OldCatalog.class, "catalog");
        assertThat(old.find("x")).contains(new OldCatalog.Item("x", 1));
    }

    @Test
    void shouldRethrowADeclaredCheckedExceptionAsItself() {
        assertThatThrownBy(() -> catalog.read("rutabaga"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("rutabaga");
        assertThatThrownBy(() -> catalog.read("rutabaga")).isNotInstanceOf(FileNotFoundException.class);
    }

    @Test
    void shouldCarryTheRemoteTypeMessageAndCauseChainOfAnUndeclaredException() {
        assertThatThrownBy(() -> catalog.explode("boom"))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.status()).isEqualTo(RpcStatus.REMOTE_ERROR);
                    assertThat(e.remoteType()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(e.remoteMessage()).isEqualTo("exploded: boom");
                    assertThat(e.remoteCause().remoteType()).isEqualTo(IllegalArgumentException.class.getName());
                    assertThat(e.remoteCause().remoteMessage()).isEqualTo("root cause");
                    assertThat(e.remoteCause().remoteCause().remoteType()).isEqualTo(ArithmeticException.class.getName());
                    assertThat(e.remoteCause().remoteCause().remoteCause()).isNull();
                    assertThat(e.isRetriable()).isFalse();
                });
    }

    @Test
    void shouldKeepTheStatusOfAnRpcExceptionTheServiceThrows() {
        assertThatThrownBy(() -> catalog.refuse("too busy"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessage("refused: too busy");
    }

    @Test
    void shouldAnswerNotFoundForAMethodTheServiceLacks() {
        assertThatThrownBy(() -> client.stub(Missing.class, "catalog").subtract(3, 1))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND))
                .hasMessageContaining("service 'catalog' has no method 'subtract' taking 2 argument(s)");
    }

    @Test
    void shouldAnswerNotFoundForAServiceTheResolverDoesNotKnow() {
        try (RpcClient strict = RpcClient.builder(clientBroker).resolver(StaticEndpointResolver.strict(Map.of("catalog", "rpc.catalog"))).build()) {
            assertThatThrownBy(() -> strict.stub(Catalog.class, "inventory").add(1, 2))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND))
                    .hasMessageContaining("service 'inventory' has no endpoint");
            assertThat(strict.stub(Catalog.class, "catalog").add(1, 2)).isEqualTo(3);
        }
    }

    @Test
    void shouldAnswerInvalidArgumentForArgumentsThatDoNotFit() {
        assertThat(client.call("catalog", "add", "[40, 2]", Duration.ofSeconds(30))).isEqualTo("42");
        assertThatThrownBy(() -> client.call("catalog", "add", "[\"forty\", 2]", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                .hasMessageContaining("argument 0 (\"forty\") is not a int");
        assertThatThrownBy(() -> client.call("catalog", "add", "{\"a\": 1}", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                .hasMessageContaining("must be a JSON array");
    }

    @Test
    void shouldRefuseABadServiceNameNamingTheRule() {
        assertThatThrownBy(() -> client.stub(Catalog.class, "no spaces"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                .hasMessage("service name 'no spaces' is invalid: allowed are 1 to 150 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldFailUnavailableWhenTheBrokerIsClosed() {
        Broker closing = engine.broker("closing-client");
        RpcClient doomed = RpcClient.builder(closing).build();
        closing.close();
        assertThatThrownBy(() -> doomed.stub(Catalog.class, "catalog").add(1, 2))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE));
        doomed.close();
    }

    @Test
    void shouldEncodeArgumentsAsAJsonArray() {
        JacksonCodec codec = new JacksonCodec();
        byte[] body = codec.encodeArguments(new Object[]{1, "two", Optional.of(LocalDate.of(2026, 1, 1))},
                new java.lang.reflect.Type[]{int.class, String.class, Optional.class});
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("[1,\"two\",\"2026-01-01\"]");
        assertThat(codec.countArguments(body)).isEqualTo(3);
    }
}
