package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.naming.Answer;
import io.parley.naming.CacheStatus;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A primary for /shop and three secondaries: one refreshing every 100 ms (catch-up), one refreshing
 * hourly (read-your-writes makes it pull) and one refreshing hourly behind a proxy that can hold its
 * transfers (read-your-writes refers the reader to the primary).
 */
@Timeout(120)
class ReplicationTest {

    @TempDir
    static Path dir;
    static NamingServer primary;
    static NamingServer eager;
    static NamingServer lazy;
    static NamingServer lagging;
    static HoldingProxy toPrimary;

    @BeforeAll
    static void start() throws Exception {
        primary = NamingServer.start(NamingServerConfig.builder().zone("/shop").changeLogLimit(5)
                .dataDirectory(dir.resolve("primary")).build(), "localhost", 0);
        eager = NamingServer.start(NamingServerConfig.builder().secondaryOf(primary.url()).refreshInterval(Duration.ofMillis(100))
                .dataDirectory(dir.resolve("eager")).build(), "localhost", 0);
        toPrimary = new HoldingProxy(primary.url());
        lazy = NamingServer.start(NamingServerConfig.builder().secondaryOf(toPrimary.url()).refreshInterval(Duration.ofHours(1))
                .readYourWritesWait(Duration.ofMillis(500)).dataDirectory(dir.resolve("lazy")).build(), "localhost", 0);
        lagging = NamingServer.start(NamingServerConfig.builder().secondaryOf(primary.url()).refreshInterval(Duration.ofHours(1))
                .dataDirectory(dir.resolve("lagging")).build(), "localhost", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> serial(lazy, "/shop") >= 0 && serial(eager, "/shop") >= 0
                && serial(lagging, "/shop") >= 0);
    }

    @AfterAll
    static void stop() {
        toPrimary.release();
        lagging.close();
        lazy.close();
        toPrimary.close();
        eager.close();
        primary.close();
    }

    static long serial(NamingServer server, String zone) {
        return NamingClient.of(server.url()).zones().stream().filter(z -> z.zone().equals(zone)).mapToLong(ZoneInfo::serial)
                .findFirst().orElse(-1);
    }

    @Test
    void shouldCatchUpBySerialAndAnswerReads() {
        NamingClient writer = NamingClient.of(primary.url());
        for (int i = 0; i < 8; i++) {
            writer.bind(Name.parse("/shop/item-" + i), NameRecord.of(RecordType.TEXT, 60_000, "v" + i));
        }
        writer.unbind(Name.parse("/shop/item-0"));
        long target = serial(primary, "/shop");

        await().atMost(Duration.ofSeconds(30)).until(() -> serial(eager, "/shop") == target);
        ZoneInfo copy = NamingClient.of(eager.url()).zones().get(0);
        assertThat(copy.role()).isEqualTo("secondary");
        assertThat(copy.primary()).isEqualTo(primary.url());
        Answer answer = (Answer) NamingClient.of(eager.url()).resolve(Name.parse("/shop/item-7"), ResolutionMode.ITERATIVE, List.of()).reply();
        assertThat(answer.record().addresses()).containsExactly("v7");
        assertThat(answer.authoritative()).isTrue();
        assertThat(NamingClient.of(eager.url()).resolve(Name.parse("/shop/item-0"), ResolutionMode.ITERATIVE, List.of()).reply())
                .isInstanceOf(io.parley.naming.NotFound.class);
    }

    @Test
    void shouldRedirectWritesAtASecondaryToThePrimary() {
        HttpProbe.Answer redirect = HttpProbe.put(eager.url() + "/v1/names/shop/redirected",
                "{\"type\":\"text\",\"addresses\":[\"x\"],\"ttlMs\":1000}");
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.header("Location")).isEqualTo(primary.url() + "/v1/names/shop/redirected");

        WriteResult written = NamingClient.of(eager.url()).bind(Name.parse("/shop/redirected"), NameRecord.of(RecordType.TEXT, 1000, "x"));
        assertThat(written.zone()).isEqualTo("/shop");
        assertThat(NamingClient.of(primary.url()).resolve(Name.parse("/shop/redirected"), ResolutionMode.ITERATIVE, List.of()).reply())
                .isInstanceOf(Answer.class);
    }

    @Test
    void shouldReadItsOwnWriteFromALaggingSecondary() {
        try (Resolver resolver = new Resolver(ResolverConfig.builder().roots(lagging.url()).build())) {
            long before = serial(lagging, "/shop");
            WriteResult written = resolver.bind(lagging.url(), Name.parse("/shop/cart"), NameRecord.of(RecordType.SERVICE, 60_000, "http://cart:1"));
            assertThat(serial(lagging, "/shop")).as("the secondary, refreshing hourly, has not pulled yet").isEqualTo(before);

            Resolved read = resolver.lookup(Name.parse("/shop/cart"), ResolutionMode.RECURSIVE);

            assertThat(read.answer().record().addresses()).containsExactly("http://cart:1");
            assertThat(read.steps()).hasSize(1);
            assertThat(read.steps().get(0).server()).isEqualTo(lagging.url());
            assertThat(serial(lagging, "/shop")).as("the token made the secondary pull").isGreaterThanOrEqualTo(written.serial());
        }
    }

    @Test
    void shouldReferAReaderToThePrimaryWhenTheSecondaryCannotCatchUp() {
        NamingClient.of(primary.url()).bind(Name.parse("/shop/before"), NameRecord.of(RecordType.TEXT, 1000, "b"));
        toPrimary.hold();
        try (Resolver resolver = new Resolver(ResolverConfig.builder().roots(lazy.url()).build())) {
            WriteResult written = resolver.bind(primary.url(), Name.parse("/shop/held"), NameRecord.of(RecordType.TEXT, 60_000, "h"));

            HttpProbe.Answer raw = HttpProbe.getWithHeader(lazy.url() + "/v1/resolve/shop/held?mode=iterative",
                    "Parley-Min-Version", written.version());
            assertThat(raw.status()).isEqualTo(200);
            JsonNode referral = raw.json().get("referral");
            assertThat(referral.get("zone").asText()).isEqualTo("/shop");
            assertThat(referral.get("servers").get(0).asText()).isEqualTo(primary.url());
            assertThat(referral.get("remaining").asText()).isEqualTo("held");

            Resolved read = resolver.lookup(Name.parse("/shop/held"), ResolutionMode.RECURSIVE);
            assertThat(read.answer().record().addresses()).containsExactly("h");
            assertThat(read.steps()).extracting(step -> step.reply() instanceof ReferralReply).containsExactly(true, false);
            assertThat(read.steps().get(1).server()).isEqualTo(primary.url());
            assertThat(read.cache()).isEqualTo(CacheStatus.MISS);
        } finally {
            toPrimary.release();
        }
    }
}
