package io.parley.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI verbs {@code send}, {@code receive} and {@code queues}, run in-process against a node. */
@Timeout(120)
class CliTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.create();

    /** What one command run printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    @Test
    void shouldSendMessagesAndPrintTheirIds() {
        Run sent = parley("send", "--queue", "cli-send", "--body", "hello", "--count", "3");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.outLines()).hasSize(3).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());

        Run received = parley("receive", "--queue", "cli-send", "--count", "3");
        assertThat(received.exitCode()).as(received.err()).isZero();
        assertThat(received.outLines()).containsExactly("hello", "hello", "hello");
    }

    @Test
    void shouldReceiveUpToCountAndSayWhenFewerArrived() {
        parley("send", "--queue", "cli-receive", "--body", "only one");

        Run received = parley("receive", "--queue", "cli-receive", "--count", "2", "--wait-ms", "200");

        assertThat(received.exitCode()).isZero();
        assertThat(received.outLines()).containsExactly("only one");
        assertThat(received.err()).contains("received 1 of 2 message(s) from queue 'cli-receive': no more arrived within 200 ms");
        Run again = parley("receive", "--queue", "cli-receive", "--wait-ms", "0");
        assertThat(again.outLines()).as("acknowledged messages are gone").isEmpty();
    }

    @Test
    void shouldShowAProgressBarOnLongSends() {
        Run sent = parley("send", "--queue", "cli-progress", "--body", "x", "--count", "150", "--transient");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.outLines()).hasSize(150);
        assertThat(sent.err()).contains("sending to cli-progress [" + "#".repeat(30) + "] 150/150");
        assertThat(queueLine(parley("queues"), "cli-progress")).isEqualTo(List.of("cli-progress", "150", "0", "0"));
    }

    @Test
    void shouldSendAtSyncPointDeliveredOnceAReceiverTookTheMessage() {
        CompletableFuture<Run> sending = CompletableFuture.supplyAsync(
                () -> parley("send", "--queue", "cli-delivered", "--body", "taken", "--sync", "delivered"));

        Run received = parley("receive", "--queue", "cli-delivered", "--wait-ms", "10000");

        assertThat(received.outLines()).containsExactly("taken");
        Run sent = sending.join();
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.outLines()).hasSize(1);
    }

    @Test
    void shouldListQueuesAsATable() {
        parley("send", "--queue", "cli-listed", "--body", "a", "--count", "2");

        Run queues = parley("queues");

        assertThat(queues.exitCode()).isZero();
        assertThat(queues.outLines().get(0).split("\\s+")).containsExactly("QUEUE", "DEPTH", "CONSUMERS", "DEAD-LETTERS");
        assertThat(queueLine(queues, "cli-listed")).isEqualTo(List.of("cli-listed", "2", "0", "0"));
    }

    @Test
    void shouldFailWithTheNodesErrorMessageAndExitCode1() {
        Run sent = parley("send", "--queue", "bad name", "--body", "x");

        assertThat(sent.exitCode()).isEqualTo(1);
        assertThat(sent.err().trim()).isEqualTo("parley send: the node answered 400 invalid-argument: "
                + "queue name 'bad name' is invalid: allowed are 1 to 200 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldFailWhenTheNodeCannotBeReached() {
        Run queues = parleyAt("http://localhost:1", "queues");

        assertThat(queues.exitCode()).isEqualTo(1);
        assertThat(queues.err()).startsWith("parley queues: cannot reach the node at http://localhost:1 (connection refused)");
    }

    @Test
    void shouldRefuseAnUnknownSyncPointAsAUsageError() {
        Run sent = parley("send", "--queue", "q", "--body", "x", "--sync", "processed");

        assertThat(sent.exitCode()).isEqualTo(2);
        assertThat(sent.err()).contains("--sync 'processed' is invalid: allowed are submitted, stored or delivered");
    }

    @Test
    void shouldRefuseANodeThatIsNoHttpUrlAsAUsageError() {
        Run queues = parleyAt("localhost:8080", "queues");

        assertThat(queues.exitCode()).isEqualTo(2);
        assertThat(queues.err()).contains("--node 'localhost:8080' is invalid: an http:// or https:// URL with a host is expected");
        assertThat(queues.out()).isEmpty();
    }

    @Test
    void shouldRefuseAWaitMsOutsideTheGatewaysRangeAsAUsageError() {
        Run received = parley("receive", "--queue", "cli-wait", "--wait-ms", "30001");

        assertThat(received.exitCode()).isEqualTo(2);
        assertThat(received.err()).contains("--wait-ms 30001 is out of range 0..30000");
    }

    private static List<String> queueLine(Run queues, String queue) {
        return queues.outLines().stream().map(line -> List.of(line.trim().split("\\s+")))
                .filter(columns -> columns.get(0).equals(queue)).findFirst().orElseThrow();
    }

    private static Run parley(String... args) {
        return parleyAt(NODE.httpUrl(), args);
    }

    private static Run parleyAt(String node, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Parley.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withNode = Arrays.copyOf(args, args.length + 2);
        withNode[args.length] = "--node";
        withNode[args.length + 1] = node;
        int exitCode = commandLine.execute(withNode);
        return new Run(exitCode, out.toString().replace("\r\n", "\n"), err.toString());
    }
}
