package io.parley.naming.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of one name server: statuses, bodies, headers, and 400s naming the offending value and the rule. */
@Timeout(60)
class HttpContractTest {

    @TempDir
    static Path dir;
    static NamingServer server;
    static String url;

    @BeforeAll
    static void start() {
        server = NamingServer.start(NamingServerConfig.builder().zone("/").zone("/acme").negativeTtlMs(7_000)
                .dataDirectory(dir).build(), "localhost", 0);
        url = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldCreateWith201ReplaceWith200AndDeleteWith204() {
        String body = "{\"type\":\"queue\",\"addresses\":[\"tcp://broker:61616\"],\"ttlMs\":30000,\"attributes\":{\"owner\":\"billing\"}}";
        HttpProbe.Answer created = HttpProbe.put(url + "/v1/names/acme/orders", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("zone").asText()).isEqualTo("/acme");
        assertThat(created.header("Parley-Version")).isEqualTo("/acme@" + created.json().get("serial").asLong());

        HttpProbe.Answer replaced = HttpProbe.put(url + "/v1/names/acme/orders", body);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("serial").asLong()).isEqualTo(created.json().get("serial").asLong() + 1);

        HttpProbe.Answer resolved = HttpProbe.get(url + "/v1/resolve/acme/orders");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.header("Parley-Cache")).isEqualTo("miss");
        JsonNode answer = resolved.json();
        assertThat(answer.get("name").asText()).isEqualTo("/acme/orders");
        assertThat(answer.get("record").get("type").asText()).isEqualTo("queue");
        assertThat(answer.get("record").get("addresses").get(0).asText()).isEqualTo("tcp://broker:61616");
        assertThat(answer.get("record").get("attributes").get("owner").asText()).isEqualTo("billing");
        assertThat(answer.get("ttlMs").asLong()).isEqualTo(30_000);

        HttpProbe.Answer deleted = HttpProbe.delete(url + "/v1/names/acme/orders");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.header("Parley-Version")).isEqualTo("/acme@" + (replaced.json().get("serial").asLong() + 1));

        HttpProbe.Answer gone = HttpProbe.get(url + "/v1/resolve/acme/orders");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Parley-Cache")).isEqualTo("miss");
        assertThat(gone.json().get("error").asText()).isEqualTo("not-found");
        assertThat(gone.json().get("negativeTtlMs").asLong()).isEqualTo(7_000);
        assertThat(gone.json().get("message").asText()).contains("/acme/orders");
    }

    @Test
    void shouldCompareLabelsCaseInsensitively() {
        HttpProbe.put(url + "/v1/names/acme/Billing", "{\"type\":\"service\",\"addresses\":[\"http://billing:9000\"],\"ttlMs\":1000}");
        HttpProbe.Answer resolved = HttpProbe.get(url + "/v1/resolve/ACME/billing");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("name").asText()).isEqualTo("/acme/billing");
    }

    @Test
    void shouldRefuseABadLabelNamingItAndTheRule() {
        HttpProbe.Answer bad = HttpProbe.put(url + "/v1/names/acme/bad_label", "{\"type\":\"queue\",\"addresses\":[\"q\"],\"ttlMs\":1000}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid-argument");
        assertThat(bad.json().get("message").asText()).contains("'bad_label'").contains("[a-z0-9-]{1,63}");

        HttpProbe.Answer resolve = HttpProbe.get(url + "/v1/resolve/acme/bad_label");
        assertThat(resolve.status()).isEqualTo(400);
        assertThat(resolve.header("Parley-Cache")).isEqualTo("miss");
        assertThat(resolve.json().get("message").asText()).contains("'bad_label'");
    }

    @Test
    void shouldRefuseANameOverTheLengthLimit() {
        String longName = ("a".repeat(60) + "/").repeat(5) + "x";
        HttpProbe.Answer bad = HttpProbe.put(url + "/v1/names/" + longName, "{\"type\":\"text\",\"addresses\":[\"x\"],\"ttlMs\":1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("307 characters").contains("limit of 255");
    }

    @Test
    void shouldRefuseALabelLongerThan63Characters() {
        HttpProbe.Answer bad = HttpProbe.get(url + "/v1/resolve/acme/" + "b".repeat(64));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("b".repeat(64)).contains("1 to 63 characters");
    }

    @Test
    void shouldRefuseBadRecordsNamingTheFieldAndTheRule() {
        assertBad("{\"type\":\"printer\",\"addresses\":[\"x\"],\"ttlMs\":1}", "record type 'printer' is not one of [queue, topic, service, participant, coordinator, host, text, delegation]");
        assertBad("{\"type\":\"queue\",\"addresses\":[\"x\"],\"ttlMs\":-5}", "'ttlMs' is -5, outside 0..604800000");
        assertBad("{\"type\":\"delegation\",\"addresses\":[\"ftp://x\"],\"ttlMs\":1}", "delegation address 'ftp://x' is no name server URL");
        assertBad("{\"type\":\"delegation\",\"addresses\":[],\"ttlMs\":1}", "a delegation record needs at least one address");
        assertBad("{\"addresses\":[\"x\"],\"ttlMs\":1}", "record field 'type' is missing");
        assertBad("{\"type\":\"queue\",\"adresses\":[\"x\"],\"ttlMs\":1}", "adresses");
        assertBad("{\"type\":\"queue\",\"addresses\":[\"x\"],\"ttlMs\":1,\"attributes\":{\"bad key\":\"v\"}}", "attribute key 'bad key' breaks the rule [A-Za-z0-9._-]{1,64}");
        assertBad("not json", "record body is no valid record JSON");
    }

    private static void assertBad(String body, String message) {
        HttpProbe.Answer bad = HttpProbe.put(url + "/v1/names/acme/x", body);
        assertThat(bad.status()).as(body).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid-argument");
        assertThat(bad.json().get("message").asText()).as(body).contains(message);
        assertThat(HttpProbe.get(url + "/v1/resolve/acme/x").status()).as("nothing was bound").isEqualTo(404);
    }

    @Test
    void shouldRefuseAnUnknownMode() {
        HttpProbe.Answer bad = HttpProbe.get(url + "/v1/resolve/acme/x?mode=sideways");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("mode 'sideways' is not one of [iterative, recursive]");
    }

    @Test
    void shouldAnswer404ForANameNoZoneHoldsWhenWriting() {
        HttpProbe.Answer delete = HttpProbe.delete(url + "/v1/names/acme/never-bound");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.json().get("error").asText()).isEqualTo("not-found");
        assertThat(delete.json().get("message").asText()).contains("/acme/never-bound");
    }

    @Test
    void shouldListZonesWithRoleAndSerial() {
        JsonNode zones = HttpProbe.get(url + "/v1/zones").json();
        assertThat(zones).hasSize(2);
        assertThat(zones.get(0).get("zone").asText()).isEqualTo("/");
        assertThat(zones.get(1).get("zone").asText()).isEqualTo("/acme");
        assertThat(zones.get(1).get("role").asText()).isEqualTo("primary");
        assertThat(zones.get(1).get("primary").asText()).isEqualTo(url);
        assertThat(zones.get(1).has("serial")).isTrue();
    }

    @Test
    void shouldAnswerZoneChangesFullAndIncremental() {
        HttpProbe.Answer first = HttpProbe.put(url + "/v1/names/acme/a", "{\"type\":\"text\",\"addresses\":[\"1\"],\"ttlMs\":1}");
        long serial = first.json().get("serial").asLong();
        HttpProbe.put(url + "/v1/names/acme/b", "{\"type\":\"text\",\"addresses\":[\"2\"],\"ttlMs\":1}");

        JsonNode incremental = HttpProbe.get(url + "/v1/zones/acme/changes?fromSerial=" + serial).json();
        assertThat(incremental.get("full").asBoolean()).isFalse();
        assertThat(incremental.get("changes")).hasSize(1);
        assertThat(incremental.get("changes").get(0).get("name").asText()).isEqualTo("/acme/b");
        assertThat(incremental.get("changes").get(0).get("serial").asLong()).isEqualTo(serial + 1);

        JsonNode full = HttpProbe.get(url + "/v1/zones/acme/changes?fromSerial=0").json();
        assertThat(full.get("full").asBoolean()).isTrue();
        assertThat(full.get("serial").asLong()).isGreaterThanOrEqualTo(serial + 1);

        HttpProbe.Answer bad = HttpProbe.get(url + "/v1/zones/acme/changes?fromSerial=-3");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("fromSerial -3");
        assertThat(HttpProbe.get(url + "/v1/zones/nowhere/changes").status()).isEqualTo(404);
    }
}
