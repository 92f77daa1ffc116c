package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.naming.Change;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.ResolutionMode;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.naming.Watch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Watches: a long poll answers at the change, and a resolver learns of a change without waiting for the TTL. */
@Timeout(120)
class WatchTest {

    @TempDir
    static Path dir;
    static NamingServer server;

    @BeforeAll
    static void start() {
        server = NamingServer.start(NamingServerConfig.builder().zone("/").negativeTtlMs(3_600_000).dataDirectory(dir).build(),
                "localhost", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldAnswerALongPollWhenAChangeUnderThePathArrives() throws Exception {
        long serial = HttpProbe.get(server.url() + "/v1/watch/apps").json().get("serial").asLong();
        CompletableFuture<HttpProbe.Answer> poll = CompletableFuture.supplyAsync(
                () -> HttpProbe.get(server.url() + "/v1/watch/apps?afterSerial=" + serial + "&waitMs=60000"));
        NamingClient.of(server.url()).bind(Name.parse("/other"), NameRecord.of(RecordType.TEXT, 1000, "not under /apps"));
        NamingClient.of(server.url()).bind(Name.parse("/apps/web"), NameRecord.of(RecordType.SERVICE, 1000, "http://web:80"));

        JsonNode events = poll.get(30, TimeUnit.SECONDS).json();
        assertThat(events.get("changes")).hasSize(1);
        assertThat(events.get("changes").get(0).get("name").asText()).isEqualTo("/apps/web");
        assertThat(events.get("changes").get(0).get("op").asText()).isEqualTo("put");
        assertThat(events.get("serial").asLong()).isEqualTo(serial + 2);
    }

    @Test
    void shouldStreamChangesAsServerSentEvents() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<java.net.http.HttpResponse<java.util.stream.Stream<String>>> response = http.sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/v1/watch/streamed"))
                        .header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = response.get(30, TimeUnit.SECONDS);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event: serial"));
            NamingClient.of(server.url()).bind(Name.parse("/elsewhere"), NameRecord.of(RecordType.TEXT, 1000, "not streamed"));
            NamingClient.of(server.url()).bind(Name.parse("/streamed/a"), NameRecord.of(RecordType.SERVICE, 1000, "http://a:1"));
            NamingClient.of(server.url()).unbind(Name.parse("/streamed/a"));

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().filter(line -> line.equals("event: change")).count() == 2);
            List<String> data = lines.stream().filter(line -> line.startsWith("data: ") && line.contains("\"op\"")).toList();
            assertThat(data).hasSize(2);
            assertThat(data.get(0)).contains("\"name\":\"/streamed/a\"").contains("\"op\":\"put\"");
            assertThat(data.get(1)).contains("\"name\":\"/streamed/a\"").contains("\"op\":\"delete\"");
            assertThat(lines).noneMatch(line -> line.contains("/elsewhere"));
        } finally {
            stream.body().close();
        }
    }

    @Test
    void shouldAnswerAnEmptyLongPollAtItsWait() {
        long serial = HttpProbe.get(server.url() + "/v1/watch/quiet").json().get("serial").asLong();
        JsonNode events = HttpProbe.get(server.url() + "/v1/watch/quiet?afterSerial=" + serial + "&waitMs=200").json();
        assertThat(events.get("changes")).isEmpty();
        HttpProbe.Answer bad = HttpProbe.get(server.url() + "/v1/watch/quiet?waitMs=999999");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("waitMs 999999 is outside 0..120000");
    }

    @Test
    void shouldSayAtOnceWhenTheLogNoLongerReachesThePresentedSerial() {
        JsonNode events = HttpProbe.get(server.url() + "/v1/watch/apps?afterSerial=999999&waitMs=60000").json();
        assertThat(events.get("truncated").asBoolean()).isTrue();
        assertThat(events.get("changes")).isEmpty();
    }

    @Test
    void shouldLetAResolverLearnOfAChangeWithoutWaitingForTheTtl() {
        try (Resolver resolver = new Resolver(ResolverConfig.builder().roots(server.url()).build())) {
            Name name = Name.parse("/jobs/worker");
            assertThat(resolver.lookup(name, ResolutionMode.RECURSIVE).found()).isFalse();
            List<Change> seen = new CopyOnWriteArrayList<>();
            try (Watch watch = resolver.watch(server.url(), Name.parse("/jobs"), seen::add)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> watch.serial() >= 0);
                NamingClient.of(server.url()).bind(name, NameRecord.of(RecordType.SERVICE, 3_600_000, "http://worker:1"));
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 1);
                // the absence was cached for an hour; the watch dropped it
                assertThat(resolver.lookup(name, ResolutionMode.RECURSIVE).answer().record().addresses()).containsExactly("http://worker:1");
            }
        }
    }
}
