package io.parley.naming.server;

import io.parley.naming.Answer;
import io.parley.naming.CacheStatus;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.ResolutionMode;
import io.parley.naming.ServerReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A root and an /nl server with a proxy between them: concurrent identical lookups at the root send
 * one upstream query; with /nl unreachable the root serves its expired copy, marked stale, up to
 * maxStale past the TTL and no longer.
 */
@Timeout(120)
class CoalescingAndStaleTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    NamingServer root;
    NamingServer nl;
    HoldingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        nl = NamingServer.start(NamingServerConfig.builder().zone("/nl").dataDirectory(dir.resolve("nl")).clock(clock).build(),
                "localhost", 0);
        proxy = new HoldingProxy(nl.url());
        root = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir.resolve("root")).clock(clock)
                .maxStale(Duration.ofMinutes(5)).upstreamTimeout(Duration.ofSeconds(30)).build(), "localhost", 0);
        NamingClient.of(root.url()).bind(Name.parse("/nl"), NameRecord.delegation(3_600_000, List.of(proxy.url())));
        NamingClient.of(nl.url()).bind(Name.parse("/nl/shop"), NameRecord.of(RecordType.SERVICE, 10_000, "http://shop:8080"));
    }

    @AfterEach
    void stop() {
        root.close();
        proxy.close();
        nl.close();
    }

    @Test
    void shouldCoalesceConcurrentIdenticalLookupsIntoOneUpstreamQuery() throws Exception {
        int clients = 6;
        proxy.hold();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ServerReply>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                replies.add(pool.submit(() -> NamingClient.of(root.url()).resolve(Name.parse("/nl/shop"), ResolutionMode.RECURSIVE, List.of())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy.requests() == 1 && coalesced() == clients - 1);
            proxy.release();
            for (Future<ServerReply> reply : replies) {
                assertThat(((Answer) reply.get().reply()).record().addresses()).containsExactly("http://shop:8080");
            }
            assertThat(proxy.requests()).as("upstream queries for 6 identical lookups").isEqualTo(1);
        } finally {
            proxy.release();
            pool.shutdownNow();
        }
    }

    private long coalesced() {
        return HttpProbe.get(root.url() + "/v1/cache").json().get("coalesced").asLong();
    }

    @Test
    void shouldServeAStaleAnswerWhileUpstreamIsDownBoundedByMaxStale() {
        NamingClient client = NamingClient.of(root.url());
        assertThat(client.resolve(Name.parse("/nl/shop"), ResolutionMode.RECURSIVE, List.of()).cache()).isEqualTo(CacheStatus.MISS);
        proxy.close();
        clock.advance(Duration.ofSeconds(11));

        HttpProbe.Answer stale = HttpProbe.get(root.url() + "/v1/resolve/nl/shop");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.header("Parley-Cache")).isEqualTo("stale");
        assertThat(stale.json().get("stale").asBoolean()).isTrue();
        assertThat(stale.json().get("record").get("addresses").get(0).asText()).isEqualTo("http://shop:8080");

        clock.advance(Duration.ofMinutes(5));
        HttpProbe.Answer beyond = HttpProbe.get(root.url() + "/v1/resolve/nl/shop");
        assertThat(beyond.status()).isEqualTo(503);
        assertThat(beyond.header("Parley-Cache")).isEqualTo("miss");
        assertThat(beyond.json().get("error").asText()).isEqualTo("unavailable");
        assertThat(beyond.json().get("message").asText()).contains("/nl/shop").contains("nothing cached to serve stale");
    }
}
