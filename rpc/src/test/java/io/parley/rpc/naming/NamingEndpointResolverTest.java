package io.parley.rpc.naming;

import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.Resolver;
import io.parley.naming.server.NamingServer;
import io.parley.naming.server.NamingServerConfig;
import io.parley.rpc.Endpoint;
import io.parley.rpc.RpcException;
import io.parley.rpc.RpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RPC endpoints looked up in a real name server (H2-backed, over HTTP). */
@Timeout(60)
class NamingEndpointResolverTest {

    @TempDir
    static Path dir;
    static NamingServer server;
    static Resolver resolver;
    static NamingEndpointResolver endpoints;

    @BeforeAll
    static void start() {
        server = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir).build(), "localhost", 0);
        NamingClient names = NamingClient.of(server.url());
        names.bind(Name.parse("/services/billing"), NameRecord.of(RecordType.SERVICE, 60_000, "rpc.billing.v2"));
        names.bind(Name.parse("/services/orders/eu"), NameRecord.of(RecordType.QUEUE, 60_000, "queue:orders.eu.requests"));
        names.bind(Name.parse("/services/ftp"), NameRecord.of(RecordType.HOST, 60_000, "ftp.example:21"));
        resolver = Resolver.of(server.url());
        endpoints = NamingEndpointResolver.of(resolver);
    }

    @AfterAll
    static void stop() {
        resolver.close();
        server.close();
    }

    @Test
    void shouldResolveAServiceToTheQueueItsRecordNames() {
        assertThat(endpoints.resolve("billing")).isEqualTo(new Endpoint("billing", "rpc.billing.v2"));
        assertThat(endpoints.resolve("orders.eu")).isEqualTo(new Endpoint("orders.eu", "orders.eu.requests"));
        assertThat(endpoints.nameOf("orders.eu")).hasToString("/services/orders/eu");
    }

    @Test
    void shouldAnswerNotFoundForAnUnboundService() {
        assertThatThrownBy(() -> endpoints.resolve("payroll"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND))
                .hasMessageContaining("service 'payroll' has no endpoint").hasMessageContaining("/services/payroll");
        assertThatThrownBy(() -> endpoints.resolve("ftp"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND))
                .hasMessageContaining("is a host record");
    }

    @Test
    void shouldRefuseAServiceNameThatIsNoName() {
        assertThatThrownBy(() -> endpoints.resolve("Bad_Name"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT))
                .hasMessageContaining("label 'Bad_Name'");
    }

    @Test
    void shouldAnswerUnavailableWhenNoNameServerAnswers() {
        try (Resolver nowhere = Resolver.of("http://localhost:9")) {
            assertThatThrownBy(() -> NamingEndpointResolver.of(nowhere).resolve("billing"))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE));
        }
    }
}
