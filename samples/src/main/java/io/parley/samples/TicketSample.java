package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.Ticket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Deferred-synchronous request: a client submits a report request and gets a ticket, then goes away.
 * The report service answers later; the reply waits in the client's durable mailbox. A new client
 * process with the same client id collects it with the ticket.
 */
@Command(name = "ticket", description = "Deferred-synchronous ticket collected after the client restarts")
final class TicketSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Override
    public Integer call() {
        try (SampleEnvironment env = environment) {
            Ticket ticket;
            try (Broker client = env.open("accounting")) {
                ticket = client.submit("reports", Message.text("quarterly report Q3"));
                System.out.println("submitted, ticket " + ticket + "; poll now: "
                        + client.poll(ticket).map(Message::bodyAsText).orElse("(no reply yet)"));
            }
            System.out.println("client closed; the report service starts working");
            try (Broker service = env.open("report-service");
                 Subscription reports = service.notify("reports",
                         d -> d.reply(Message.text("report for '" + d.message().bodyAsText() + "': revenue up 4%")),
                         ConsumerOptions.DEFAULT);
                 Broker restarted = env.open("accounting")) {
                System.out.println("client restarted with the same client id; collecting ticket " + ticket);
                Optional<Message> reply = restarted.await(Ticket.parse(ticket.toString()), Duration.ofSeconds(10));
                System.out.println("collected: " + reply.map(Message::bodyAsText).orElse("(nothing within 10 s)"));
                return reply.isPresent() ? 0 : 1;
            }
        }
    }
}
