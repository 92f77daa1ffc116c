package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A server asked about a name outside its zones: recursive asks its root, iterative refers to the root; without a root, not-found. */
@Timeout(60)
class OutsideZonesTest {

    @TempDir
    static Path dir;
    static NamingServer root;
    static NamingServer department;
    static NamingServer island;

    @BeforeAll
    static void start() {
        root = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir.resolve("root")).build(), "localhost", 0);
        department = NamingServer.start(NamingServerConfig.builder().zone("/org/dept").root(root.url())
                .dataDirectory(dir.resolve("dept")).build(), "localhost", 0);
        island = NamingServer.start(NamingServerConfig.builder().zone("/island").dataDirectory(dir.resolve("island")).build(),
                "localhost", 0);
        NamingClient.of(root.url()).bind(Name.parse("/com/printer"), NameRecord.of(RecordType.HOST, 60_000, "lp:631"));
    }

    @AfterAll
    static void stop() {
        island.close();
        department.close();
        root.close();
    }

    @Test
    void shouldAskTheRootRecursivelyAboutANameOutsideItsZones() {
        HttpProbe.Answer answer = HttpProbe.get(department.url() + "/v1/resolve/com/printer");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("record").get("addresses").get(0).asText()).isEqualTo("lp:631");
        assertThat(HttpProbe.get(department.url() + "/v1/resolve/com/printer").header("Parley-Cache")).isEqualTo("hit");
    }

    @Test
    void shouldReferAnIterativeClientToTheRoot() {
        JsonNode referral = HttpProbe.get(department.url() + "/v1/resolve/com/printer?mode=iterative").json().get("referral");
        assertThat(referral.get("zone").asText()).isEqualTo("/");
        assertThat(referral.get("servers").get(0).asText()).isEqualTo(root.url());
        assertThat(referral.get("remaining").asText()).isEqualTo("com/printer");
    }

    @Test
    void shouldStopARootLoopInsteadOfRecursingForever() {
        try (NamingServer a = NamingServer.start(NamingServerConfig.builder().zone("/a").root(root.url())
                .dataDirectory(dir.resolve("loop-a")).build(), "localhost", 0)) {
            // root delegates /loop to a; a is not authoritative for /loop and asks its root again
            NamingClient.of(root.url()).bind(Name.parse("/loop"), NameRecord.delegation(60_000, java.util.List.of(a.url())));
            HttpProbe.Answer answer = HttpProbe.get(a.url() + "/v1/resolve/loop/x");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().get("message").asText()).contains("crossed 32 name servers (limit 32)");
        }
    }

    @Test
    void shouldAnswerNotFoundWithoutARoot() {
        HttpProbe.Answer answer = HttpProbe.get(island.url() + "/v1/resolve/com/printer");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("message").asText()).isEqualTo("no zone served here holds /com/printer and no root name server is configured");
    }
}
