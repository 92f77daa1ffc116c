package io.parley.node.crash;

import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.broker.Ticket;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The client JVM of the ticket crash test.
 * <ul>
 *   <li>{@code submit URL CLIENT_ID TICKET_FILE}: submits a request to {@code reports}, writes the
 *       ticket to the file (atomically), then waits to be killed.</li>
 *   <li>{@code collect URL CLIENT_ID TICKET_FILE}: reads the ticket, waits up to 60 s for its reply
 *       and prints {@code collected: <body>} (exit 0), or exits 1.</li>
 * </ul>
 */
public final class TicketClient {

    private TicketClient() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String clientId = args[2];
        Path ticketFile = Path.of(args[3]);
        BrokerConfig config = BrokerConfig.builder().clientId(clientId)
                .stateDirectory(ticketFile.resolveSibling("state-" + clientId)).build();
        Broker broker = Brokers.openOwning(ArtemisEngine.connect(url), config);
        if (mode.equals("submit")) {
            Ticket ticket = broker.submit("reports", Message.text("quarterly report"));
            Path tmp = ticketFile.resolveSibling(ticketFile.getFileName() + ".tmp");
            Files.writeString(tmp, ticket.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, ticketFile, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("submitted " + ticket);
            Thread.currentThread().join();
        }
        Ticket ticket = Ticket.parse(Files.readString(ticketFile, StandardCharsets.UTF_8).trim());
        Optional<Message> reply = broker.await(ticket, Duration.ofSeconds(60));
        System.out.println(reply.map(m -> "collected: " + m.bodyAsText()).orElse("no reply for " + ticket));
        broker.close();
        System.exit(reply.isPresent() ? 0 : 1);
    }
}
