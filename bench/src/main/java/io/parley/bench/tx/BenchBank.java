package io.parley.bench.tx;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionHeaders;
import io.parley.coordinator.participant.ParticipantConfig;
import io.parley.coordinator.participant.ParticipantEndpoint;
import io.parley.coordinator.participant.PostgresParticipant;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One bank of the benchmark: a PostgreSQL participant taking work requests ({@code account},
 * {@code delta}, transaction context) on {@code bench.bank.<name>} and speaking 2PC on its own queue.
 */
final class BenchBank implements AutoCloseable {

    private final PostgresParticipant database;
    private final ParticipantEndpoint endpoint;
    private final Subscription work;

    BenchBank(Broker broker, String name, String jdbcUrl, Path logFile, int concurrency, int workConcurrency) {
        database = new PostgresParticipant(name, jdbcUrl, null, null, Duration.ofSeconds(2));
        endpoint = ParticipantEndpoint.start(broker, database, ParticipantConfig.of(participant(name),
                logFile).withConcurrency(concurrency), Clock.systemUTC());
        // acknowledged after the handler, without waiting (AT_LEAST_ONCE); a redelivered request is refused, not applied twice
        work = broker.notify(queue(name), this::onWork, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(workConcurrency));
    }

    static String queue(String name) {
        return "bench.bank." + name;
    }

    static ParticipantRef participant(String name) {
        return new ParticipantRef(name, queue(name) + ".tx");
    }

    /**
     * A work request: not persistent — work that is lost only makes its transaction abort. The
     * driver enlists the bank with the coordinator (in its own JVM) before sending, so the bank
     * sends no REGISTER; unless {@code byInitiator} is false, then the bank enlists with REGISTER.
     * Marked {@code lastWork}, the bank prepares with the work and its answer carries its vote.
     */
    static Message request(GlobalTransaction tx, boolean byInitiator, boolean lastWork, String bank, int account, long delta) {
        Message.Builder builder = Message.builder().body(new byte[0], Message.OCTET_STREAM);
        (byInitiator ? TransactionHeaders.injectEnlisted(tx, participant(bank), builder) : TransactionHeaders.inject(tx.context(), builder))
                .header("account", Integer.toString(account)).header("delta", Long.toString(delta)).durability(Durability.TRANSIENT);
        return (lastWork ? TransactionHeaders.lastWork(builder) : builder).build();
    }

    /**
     * Applies one work request in the transaction's local transaction and answers its status. Never
     * throws, so a request is redelivered only if the consumer's session fails before its ack; a
     * redelivered request (delivery count above 1) may already be applied, so it is answered
     * "error" without touching the database, and the driver rolls the transaction back.
     */
    private void onWork(Delivery delivery) {
        Message m = delivery.message();
        String status = "ok";
        try {
            if (m.deliveryCount() > 1) {
                throw new IllegalStateException("work request " + m.id() + " redelivered (delivery " + m.deliveryCount() + ")");
            }
            TransactionContext context = TransactionHeaders.extract(m).orElseThrow();
            int account = Integer.parseInt(m.header("account").orElseThrow());
            long delta = Long.parseLong(m.header("delta").orElseThrow());
            CompletableFuture<Void> enlisting = endpoint.enlistAsync(m); // enlisted by the driver: no REGISTER round trip
            enlisting.getNow(null); // refused at once when this bank has prepared or ended the transaction: no work
            database.work(context.transactionId(), c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                    update.setLong(1, delta);
                    update.setInt(2, account);
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("no account " + account);
                    }
                }
                return null;
            });
            enlisting.join();
        } catch (RuntimeException e) {
            status = "error";
        }
        Message.Builder answer = Message.builder().body(new byte[0], Message.OCTET_STREAM).header("status", status).durability(Durability.TRANSIENT);
        try {
            endpoint.voteIfLastWork(m, answer);
        } catch (RuntimeException e) {
            answer.header("status", "error");
        }
        try {
            delivery.reply(answer.build());
        } catch (RuntimeException e) {
            System.err.println("2pc bank: cannot answer work request " + m.id() + ": " + e); // the driver's request times out
        }
    }

    @Override
    public void close() {
        work.close();
        endpoint.close();
        database.close();
    }
}
