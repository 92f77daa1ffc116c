package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.naming.Answer;
import io.parley.naming.CacheStatus;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.NotFound;
import io.parley.naming.RecordType;
import io.parley.naming.ResolutionMode;
import io.parley.naming.ServerReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TTL and negative-TTL expiry with an injected clock, stale answers while upstream is down, and
 * coalescing, on four real name servers (root, /nl, /nl/vu, /nl/vu/cs) in this JVM, each with its own
 * H2 database, talking HTTP. The same example across child processes is {@link FourServersProcessTest}.
 */
@Timeout(120)
class InProcessResolutionTest {

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock();
    static NamingServer root;
    static NamingServer nl;
    static NamingServer vu;
    static NamingServer cs;
    static List<NamingServer> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        cs = start("cs", "/nl/vu/cs");
        vu = start("vu", "/nl/vu");
        nl = start("nl", "/nl");
        root = start("root", "/");
        client(root).bind(Name.parse("/nl"), NameRecord.delegation(600_000, List.of(nl.url())));
        client(nl).bind(Name.parse("/nl/vu"), NameRecord.delegation(600_000, List.of(vu.url())));
        client(vu).bind(Name.parse("/nl/vu/cs"), NameRecord.delegation(600_000, List.of(cs.url())));
        client(cs).bind(Name.parse("/nl/vu/cs/ftp"), NameRecord.of(RecordType.HOST, 60_000, "ftp.cs.vu.nl:21"));
    }

    static NamingServer start(String label, String zone) {
        NamingServer server = NamingServer.start(NamingServerConfig.builder().zone(zone).negativeTtlMs(5_000)
                .dataDirectory(dir.resolve(label)).clock(CLOCK).maxStale(Duration.ofMinutes(10)).build(), "localhost", 0);
        servers.add(server);
        return server;
    }

    static NamingClient client(NamingServer server) {
        return NamingClient.of(server.url());
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(NamingServer::close);
    }

    @BeforeEach
    void flushCaches() {
        for (NamingServer server : servers) {
            HttpProbe.delete(server.url() + "/v1/cache");
        }
    }

    static List<String> cached(NamingServer server) {
        JsonNode entries = HttpProbe.get(server.url() + "/v1/cache").json().get("entries");
        return StreamSupport.stream(entries.spliterator(), false).map(e -> e.get("name").asText()).toList();
    }

    @Test
    void shouldExpireAPositiveAnswerAfterItsTtlOnTheInjectedClock() {
        ServerReply first = client(root).resolve(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.RECURSIVE, List.of());
        assertThat(first.cache()).isEqualTo(CacheStatus.MISS);

        CLOCK.advance(Duration.ofMillis(59_000));
        ServerReply cachedReply = client(root).resolve(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.RECURSIVE, List.of());
        assertThat(cachedReply.cache()).isEqualTo(CacheStatus.HIT);
        assertThat(((Answer) cachedReply.reply()).ttlMs()).isEqualTo(1_000);

        CLOCK.advance(Duration.ofMillis(1_000));
        ServerReply expired = client(root).resolve(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.RECURSIVE, List.of());
        assertThat(expired.cache()).isEqualTo(CacheStatus.MISS);
        assertThat(((Answer) expired.reply()).ttlMs()).isEqualTo(60_000);
    }

    @Test
    void shouldCacheAnAbsenceForTheZonesNegativeTtl() {
        Name missing = Name.parse("/nl/vu/cs/www");
        ServerReply first = client(root).resolve(missing, ResolutionMode.RECURSIVE, List.of());
        assertThat(first.reply()).isInstanceOf(NotFound.class);
        assertThat(((NotFound) first.reply()).negativeTtlMs()).isEqualTo(5_000);
        assertThat(first.cache()).isEqualTo(CacheStatus.MISS);

        CLOCK.advance(Duration.ofMillis(4_999));
        assertThat(client(root).resolve(missing, ResolutionMode.RECURSIVE, List.of()).cache()).isEqualTo(CacheStatus.HIT);

        // bound meanwhile: still the cached absence until the negative TTL passes, then the new record
        client(cs).bind(missing, NameRecord.of(RecordType.HOST, 60_000, "www.cs.vu.nl:80"));
        try {
            assertThat(client(root).resolve(missing, ResolutionMode.RECURSIVE, List.of()).reply()).isInstanceOf(NotFound.class);
            CLOCK.advance(Duration.ofMillis(1));
            ServerReply after = client(root).resolve(missing, ResolutionMode.RECURSIVE, List.of());
            assertThat(after.cache()).isEqualTo(CacheStatus.MISS);
            assertThat(((Answer) after.reply()).record().addresses()).containsExactly("www.cs.vu.nl:80");
        } finally {
            client(cs).unbind(missing);
        }
    }

    @Test
    void shouldStartBelowACachedDelegation() {
        client(root).resolve(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.RECURSIVE, List.of());
        long nlQueriesBefore = upstreamQueries(nl);
        long rootQueriesBefore = upstreamQueries(root);

        ServerReply other = client(root).resolve(Name.parse("/nl/vu/cs/mail"), ResolutionMode.RECURSIVE, List.of());

        assertThat(other.reply()).isInstanceOf(NotFound.class);
        assertThat(upstreamQueries(root) - rootQueriesBefore).as("root asked cs directly, once").isEqualTo(1);
        assertThat(upstreamQueries(nl)).as("nl was not asked").isEqualTo(nlQueriesBefore);
    }

    @Test
    void shouldAnswerItsOwnZoneAuthoritativelyEvenWithACachedCopy() {
        client(root).resolve(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.RECURSIVE, List.of());
        assertThat(cached(root)).contains("/nl");
        try {
            client(root).bind(Name.parse("/nl"), NameRecord.delegation(600_000, List.of(nl.url(), "http://nl-2.example:8080")));
            ServerReply own = client(root).resolve(Name.parse("/nl"), ResolutionMode.RECURSIVE, List.of());
            assertThat(own.cache()).isEqualTo(CacheStatus.MISS);
            assertThat(((Answer) own.reply()).authoritative()).isTrue();
            assertThat(((Answer) own.reply()).record().addresses()).containsExactly(nl.url(), "http://nl-2.example:8080");
        } finally {
            client(root).bind(Name.parse("/nl"), NameRecord.delegation(600_000, List.of(nl.url())));
        }
    }

    static long upstreamQueries(NamingServer server) {
        return HttpProbe.get(server.url() + "/v1/cache").json().get("upstreamQueries").asLong();
    }
}
