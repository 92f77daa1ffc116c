package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.ReferralReply;
import io.parley.naming.ResolutionMode;
import io.parley.naming.Resolved;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.naming.WriteResult;
import io.parley.naming.ZoneInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four-level example across four name server processes: root (zone /), nl (/nl), vu (/nl/vu) and
 * cs (/nl/vu/cs), each delegating to the next; ftp lives in /nl/vu/cs. Iterative lookups yield the
 * three referrals; a recursive lookup at a cold root leaves exactly the caching table's entries at each
 * server; a second lookup is a hit; a secondary of vu in a fifth process catches up and serves its
 * writer's own write; cs killed with SIGKILL restarts with its zone and serial; bad input is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class FourServersProcessTest {

    @TempDir
    static Path dir;
    static NamingProcess root;
    static NamingProcess nl;
    static NamingProcess vu;
    static NamingProcess cs;

    @BeforeAll
    static void startFourServers() {
        CompletableFuture<NamingProcess> rootStart = CompletableFuture.supplyAsync(() -> NamingProcess.start(dir.resolve("root"), "--zone", "/"));
        CompletableFuture<NamingProcess> nlStart = CompletableFuture.supplyAsync(() -> NamingProcess.start(dir.resolve("nl"), "--zone", "/nl"));
        CompletableFuture<NamingProcess> vuStart = CompletableFuture.supplyAsync(() -> NamingProcess.start(dir.resolve("vu"), "--zone", "/nl/vu"));
        CompletableFuture<NamingProcess> csStart = CompletableFuture.supplyAsync(() -> NamingProcess.start(dir.resolve("cs"),
                "--zone", "/nl/vu/cs", "--negative-ttl-ms", "4000"));
        root = rootStart.join();
        nl = nlStart.join();
        vu = vuStart.join();
        cs = csStart.join();
        NamingClient.of(root.url()).bind(Name.parse("/nl"), NameRecord.delegation(3_600_000, List.of(nl.url())));
        NamingClient.of(nl.url()).bind(Name.parse("/nl/vu"), NameRecord.delegation(3_600_000, List.of(vu.url())));
        NamingClient.of(vu.url()).bind(Name.parse("/nl/vu/cs"), NameRecord.delegation(3_600_000, List.of(cs.url())));
        NamingClient.of(cs.url()).bind(Name.parse("/nl/vu/cs/ftp"), NameRecord.of(RecordType.HOST, 600_000, "ftp.cs.vu.nl:21"));
    }

    @AfterAll
    static void stopServers() {
        for (NamingProcess process : new NamingProcess[] {root, nl, vu, cs}) {
            if (process != null) {
                assertThat(process.loggedErrors()).as("errors in the log of " + process.url() + ":\n" + process.logTail()).isFalse();
                process.close();
            }
        }
    }

    static List<String> cached(NamingProcess server) {
        JsonNode entries = HttpProbe.get(server.url() + "/v1/cache").json().get("entries");
        return StreamSupport.stream(entries.spliterator(), false).map(e -> e.get("name").asText()).toList();
    }

    @Test
    @Order(1)
    void shouldFillEveryCacheAsTheCachingTableSaysOnARecursiveLookupFromAColdRoot() {
        HttpProbe.Answer first = HttpProbe.get(root.url() + "/v1/resolve/nl/vu/cs/ftp");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Parley-Cache")).isEqualTo("miss");
        assertThat(first.json().get("record").get("addresses").get(0).asText()).isEqualTo("ftp.cs.vu.nl:21");
        assertThat(cached(root)).containsExactly("/nl", "/nl/vu", "/nl/vu/cs", "/nl/vu/cs/ftp");
        assertThat(cached(nl)).containsExactly("/nl/vu", "/nl/vu/cs", "/nl/vu/cs/ftp");
        assertThat(cached(vu)).containsExactly("/nl/vu/cs", "/nl/vu/cs/ftp");
        assertThat(cached(cs)).isEmpty();

        HttpProbe.Answer second = HttpProbe.get(root.url() + "/v1/resolve/nl/vu/cs/ftp");
        assertThat(second.header("Parley-Cache")).isEqualTo("hit");
        assertThat(second.json().get("record").get("addresses").get(0).asText()).isEqualTo("ftp.cs.vu.nl:21");
    }

    @Test
    @Order(2)
    void shouldYieldTheThreeReferralsOnAnIterativeLookup() {
        try (Resolver resolver = new Resolver(ResolverConfig.builder().roots(root.url()).mode(ResolutionMode.ITERATIVE).build())) {
            Resolved resolved = resolver.lookup(Name.parse("/nl/vu/cs/ftp"), ResolutionMode.ITERATIVE);

            assertThat(resolved.steps()).extracting(step -> step.server()).containsExactly(root.url(), nl.url(), vu.url(), cs.url());
            List<ReferralReply> referrals = resolved.steps().stream().limit(3).map(step -> (ReferralReply) step.reply()).toList();
            assertThat(referrals).extracting(r -> r.referral().zone()).containsExactly("/nl", "/nl/vu", "/nl/vu/cs");
            assertThat(referrals).extracting(r -> r.referral().remaining()).containsExactly("vu/cs/ftp", "cs/ftp", "ftp");
            assertThat(referrals).extracting(r -> r.referral().servers()).containsExactly(List.of(nl.url()), List.of(vu.url()), List.of(cs.url()));
            assertThat(resolved.answer().authoritative()).isTrue();
            assertThat(resolved.answer().zone()).isEqualTo("/nl/vu/cs");

            Resolved again = resolver.lookup(Name.parse("/nl/vu/cs/www"), ResolutionMode.ITERATIVE);
            assertThat(again.found()).isFalse();
            assertThat(again.steps()).as("starts at the cached delegation of /nl/vu/cs").extracting(step -> step.server())
                    .containsExactly(cs.url());
        }
    }

    @Test
    @Order(3)
    void shouldCatchUpASecondaryInAnotherProcessAndReadItsOwnWrite() throws Exception {
        try (NamingProcess secondary = NamingProcess.start(dir.resolve("vu-secondary"), "--secondary-of", vu.url(),
                "--refresh-ms", "3600000");
             Resolver resolver = new Resolver(ResolverConfig.builder().roots(secondary.url()).build())) {
            ZoneInfo copied = NamingClient.of(secondary.url()).zones().get(0);
            assertThat(copied.zone()).isEqualTo("/nl/vu");
            assertThat(copied.role()).isEqualTo("secondary");

            WriteResult written = resolver.bind(secondary.url(), Name.parse("/nl/vu/library"), NameRecord.of(RecordType.SERVICE, 600_000, "http://lib:80"));
            assertThat(written.zone()).isEqualTo("/nl/vu");

            Answer read = resolver.lookup(Name.parse("/nl/vu/library"), ResolutionMode.RECURSIVE).answer();
            assertThat(read.record().addresses()).containsExactly("http://lib:80");
            assertThat(NamingClient.of(secondary.url()).zones().get(0).serial()).isEqualTo(written.serial());
            assertThat(secondary.loggedErrors()).isFalse();
        }
    }

    @Test
    @Order(4)
    void shouldKeepZonesAndSerialsWhenAServerIsKilledAndRestarted() throws Exception {
        NamingClient client = NamingClient.of(cs.url());
        WriteResult last = client.bind(Name.parse("/nl/vu/cs/printer"), NameRecord.of(RecordType.HOST, 60_000, "lp.cs.vu.nl:631"));
        int port = cs.port();
        cs.kill();

        cs = NamingProcess.start(dir.resolve("cs"), "--zone", "/nl/vu/cs", "--negative-ttl-ms", "4000", "--port", Integer.toString(port));
        ZoneInfo zone = NamingClient.of(cs.url()).zones().get(0);
        assertThat(zone.zone()).isEqualTo("/nl/vu/cs");
        assertThat(zone.serial()).isEqualTo(last.serial());
        assertThat(zone.records()).isEqualTo(2);
        Answer printer = (Answer) NamingClient.of(cs.url()).resolve(Name.parse("/nl/vu/cs/printer"), ResolutionMode.ITERATIVE, List.of()).reply();
        assertThat(printer.record().addresses()).containsExactly("lp.cs.vu.nl:631");
        assertThat(HttpProbe.get(root.url() + "/v1/resolve/nl/vu/cs/printer").status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void shouldRefuseBadInputAndKeepServing() {
        HttpProbe.Answer bad = HttpProbe.get(root.url() + "/v1/resolve/nl/VU!/cs");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid-argument");
        assertThat(bad.json().get("message").asText()).contains("'VU!'").contains("[a-z0-9-]{1,63}");
        assertThat(bad.header("Parley-Cache")).isEqualTo("miss");

        HttpProbe.Answer badRecord = HttpProbe.put(cs.url() + "/v1/names/nl/vu/cs/x", "{\"type\":\"host\",\"ttlMs\":99999999999}");
        assertThat(badRecord.status()).isEqualTo(400);
        assertThat(badRecord.json().get("message").asText()).contains("'ttlMs' is 99999999999, outside 0..604800000");

        assertThat(HttpProbe.get(root.url() + "/v1/resolve/nl/vu/cs/ftp").status()).isEqualTo(200);
    }
}
