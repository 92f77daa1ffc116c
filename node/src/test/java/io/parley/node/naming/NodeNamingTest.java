package io.parley.node.naming;

import io.parley.node.CliRun;
import io.parley.node.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.parley.node.CliRun.parley;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes running only the naming service ({@code --services naming}): a root node, a node for /nl and
 * /nl/vu that knows the root ({@code --zone /nl --zone /nl/vu --root URL}) and a node copying it
 * ({@code --secondary-of URL}); driven by {@code parley names bind|unbind|resolve|zones}.
 */
@Timeout(240)
class NodeNamingTest {

    @TempDir
    static Path dir;
    static NodeProcess root;
    static NodeProcess nl;
    static NodeProcess secondary;

    @BeforeAll
    static void startNodes() {
        CompletableFuture<NodeProcess> rootStart = CompletableFuture.supplyAsync(() -> NodeProcess.builder(dir.resolve("root"))
                .nodeArgs("--services", "naming").start());
        root = rootStart.join();
        nl = NodeProcess.builder(dir.resolve("nl")).nodeArgs("--services", "naming", "--zone", "/nl", "--zone", "/nl/vu",
                "--root", root.httpUrl()).start();
        secondary = NodeProcess.builder(dir.resolve("nl-secondary")).nodeArgs("--services", "naming",
                "--secondary-of", nl.httpUrl(), "--root", root.httpUrl()).start();
    }

    @AfterAll
    static void stopNodes() {
        for (NodeProcess node : new NodeProcess[] {secondary, nl, root}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void shouldPrintTheNodeReadyLineWithoutMessaging() {
        assertThat(root.stdout()).contains("parley node ready messaging=none http=" + root.httpUrl());
    }

    @Test
    void shouldBindAndResolveIterativelyPrintingTheReferralChain() {
        CliRun delegation = parley("names", "bind", "/nl", "--type", "delegation", "--address", nl.httpUrl(), "--ttl-ms", "600000",
                "--server", root.httpUrl());
        assertThat(delegation.exitCode()).as(delegation.err()).isZero();
        assertThat(delegation.out()).startsWith("created /nl in zone / serial ");

        CliRun ftp = parley("names", "bind", "/nl/vu/ftp", "--type", "host", "--address", "ftp.vu.nl:21", "--attr", "proto=ftp",
                "--server", root.httpUrl());
        assertThat(ftp.exitCode()).as(ftp.err()).isZero();
        assertThat(ftp.out()).startsWith("created /nl/vu/ftp in zone /nl/vu serial 1 version /nl/vu@1");

        CliRun iterative = parley("names", "resolve", "/nl/vu/ftp", "--iterative", "--server", root.httpUrl());
        assertThat(iterative.exitCode()).as(iterative.err()).isZero();
        assertThat(iterative.lines()).containsExactly(
                "referral  " + root.httpUrl() + "  zone /nl servers [" + nl.httpUrl() + "] remaining vu/ftp",
                "answer    " + nl.httpUrl() + "  /nl/vu/ftp host [ftp.vu.nl:21] ttlMs=60000 attributes={proto=ftp}");

        CliRun recursive = parley("names", "resolve", "/nl/vu/ftp", "--recursive", "--server", root.httpUrl());
        assertThat(recursive.exitCode()).as(recursive.err()).isZero();
        assertThat(recursive.lines().get(0)).startsWith("answer    " + root.httpUrl() + "  /nl/vu/ftp host [ftp.vu.nl:21]")
                .endsWith("(cache miss)");
        CliRun again = parley("names", "resolve", "/nl/vu/ftp", "--server", root.httpUrl());
        assertThat(again.lines().get(0)).endsWith("(cache hit)");

        CliRun viaNl = parley("names", "resolve", "/nl/vu/ftp", "--server", nl.httpUrl());
        assertThat(viaNl.exitCode()).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> parley("names", "resolve", "/nl/vu/ftp", "--iterative",
                "--server", secondary.httpUrl()).exitCode() == 0);

        CliRun removed = parley("names", "unbind", "/nl/vu/ftp", "--server", root.httpUrl());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).startsWith("removed /nl/vu/ftp version /nl/vu@2");
        CliRun missing = parley("names", "resolve", "/nl/vu/ftp", "--iterative", "--server", nl.httpUrl());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no record /nl/vu/ftp in zone /nl/vu");
    }

    @Test
    void shouldCountResolutionsOnTheNodesMetrics() throws Exception {
        parley("names", "resolve", "/nl/vu/none", "--server", nl.httpUrl());
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(nl.httpUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("parley_naming_resolutions_total{cache=\"miss\",mode=\"recursive\"}")
                .contains("parley_naming_cache_entries");
    }

    @Test
    void shouldListZonesWithRoleAndSerial() {
        await().atMost(Duration.ofSeconds(30)).until(() -> parley("names", "zones", "--server", secondary.httpUrl()).lines().size() == 3);
        CliRun zones = parley("names", "zones", "--server", secondary.httpUrl());
        assertThat(zones.lines().get(0)).startsWith("ZONE");
        assertThat(zones.lines().get(1)).startsWith("/nl ").contains("secondary").contains(nl.httpUrl());
        assertThat(zones.lines().get(2)).startsWith("/nl/vu ").contains("secondary");
    }

    @Test
    void shouldRefuseBadInput() {
        CliRun bad = parley("names", "bind", "/nl/Bad_Label", "--type", "host", "--address", "x", "--server", root.httpUrl());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("label 'Bad_Label'").contains("[a-z0-9-]{1,63}");
        CliRun badType = parley("names", "bind", "/nl/x", "--type", "printer", "--server", root.httpUrl());
        assertThat(badType.err()).contains("record type 'printer' is not one of");
        CliRun badServer = parley("names", "zones", "--server", "ftp://x");
        assertThat(badServer.exitCode()).isEqualTo(2);
        assertThat(badServer.err()).contains("--server 'ftp://x' is no http(s) URL");
    }
}
