package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
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

/**
 * A bank for tests: a PostgreSQL participant whose work requests ({@code account}, {@code delta}
 * headers plus the transaction context) arrive on {@code bank.<name>} and are answered
 * {@code status=ok} or {@code status=error}; a request marked as the bank's last work
 * ({@link TransactionHeaders#lastWork}) is prepared at once and answered with the bank's vote.
 */
final class BankService implements AutoCloseable {

    final String name;
    final PostgresParticipant database;
    final ParticipantEndpoint endpoint;
    private final Subscription work;

    BankService(Broker broker, String name, String jdbcUrl, Path logFile, Duration decisionRequestInterval) {
        this.name = name;
        this.database = new PostgresParticipant(name, jdbcUrl, null, null, Duration.ofSeconds(1));
        this.endpoint = ParticipantEndpoint.start(broker, database, ParticipantConfig.of(new ParticipantRef(name, "bank." + name + ".tx"), logFile)
                .withDecisionRequestInterval(decisionRequestInterval), Clock.systemUTC());
        this.work = broker.notify(workQueue(name), this::onWork, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(16));
    }

    static String workQueue(String bank) {
        return "bank." + bank;
    }

    static Message request(TransactionContext context, String account, long delta) {
        return TransactionHeaders.inject(context, Message.builder().text("transfer")).header("account", account)
                .header("delta", Long.toString(delta)).build();
    }

    /** A work request marked as the bank's last work in the transaction: the bank prepares with it and answers its vote. */
    static Message lastWorkRequest(TransactionContext context, String account, long delta) {
        return TransactionHeaders.lastWork(request(context, account, delta).toBuilder()).build();
    }

    private void onWork(Delivery delivery) {
        Message m = delivery.message();
        String status;
        try {
            TransactionContext context = TransactionHeaders.extract(m).orElseThrow(() -> new IllegalArgumentException("no transaction context"));
            String account = m.header("account").orElseThrow();
            long delta = Long.parseLong(m.header("delta").orElseThrow());
            endpoint.enlistAsync(m).join(); // REGISTER, unless the initiator enlisted this bank before sending
            database.work(context.transactionId(), c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE accounts SET balance = balance + ? WHERE id = ? AND balance + ? >= 0")) {
                    update.setLong(1, delta);
                    update.setString(2, account);
                    update.setLong(3, delta);
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("account '" + account + "' unknown or balance too low for " + delta);
                    }
                }
                return null;
            });
            status = "ok";
        } catch (RuntimeException e) {
            status = "error: " + e.getMessage();
        }
        Message.Builder answer = Message.builder().text(status).header("status", status.startsWith("ok") ? "ok" : "error");
        try {
            endpoint.voteIfLastWork(m, answer); // work marked last: prepared now, the vote rides on the answer
        } catch (RuntimeException e) {
            answer.text("error: " + e.getMessage()).header("status", "error");
        }
        delivery.reply(answer.build());
    }

    @Override
    public void close() {
        work.close();
        endpoint.close();
        database.close();
    }
}
