package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.TransactionHeaders;
import io.parley.coordinator.core.BrokerTransactionCoordinator;
import io.parley.coordinator.core.CoordinatorConfig;
import io.parley.coordinator.participant.ParticipantConfig;
import io.parley.coordinator.participant.ParticipantEndpoint;
import io.parley.coordinator.participant.PostgresParticipant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Multi-site atomicity: two banks, each a participant owning a PostgreSQL database of accounts, and
 * a driver moving money between them in global transactions (debit at one bank, credit at the
 * other) through Parley's two-phase commit coordinator. Some transfers ask for more than the
 * account holds: that bank votes abort and neither side changes. The total never changes.
 *
 * <pre>
 *   driver --work (debit), its last--> bank a  --REGISTER--> coordinator; bank a: UPDATE, PREPARE TRANSACTION
 *   driver <-------- answer + vote --- bank a
 *   driver --work (credit), its last-> bank b  (likewise)
 *   driver --commit, both votes in hand--> coordinator --GLOBAL_COMMIT / GLOBAL_ABORT--> banks (COMMIT / ROLLBACK PREPARED)
 * </pre>
 * Each bank gets one piece of work per transfer, so the driver marks it as the bank's last
 * ({@link TransactionHeaders#lastWork}): the bank prepares right after it and its answer carries
 * its vote, which the driver hands to the transaction; the commit asks nothing more.
 * By default everything runs in this process against embedded PostgreSQL and Artemis. To run each
 * site as its own process, start a node ({@code ./parley node}) and then, with the same
 * {@code --messaging} URL and database URLs: {@code --role bank-a}, {@code --role bank-b} (each
 * serves until stopped) and {@code --role driver} (runs the coordinator and the transfers). With {@code --naming URL} the sites
 * find each other through the naming service (see {@link BankDirectory}) instead of by fixed queue names.
 */
@Command(name = "bank", description = "Transfers between two banks' PostgreSQL databases in global transactions (2PC); money is conserved")
final class BankSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Option(names = "--jdbc-a", description = "PostgreSQL of bank a (max_prepared_transactions > 0). Default: an embedded PostgreSQL.")
    String jdbcA;

    @Option(names = "--jdbc-b", description = "PostgreSQL of bank b (max_prepared_transactions > 0). Default: an embedded PostgreSQL.")
    String jdbcB;

    @Option(names = "--transfers", defaultValue = "20", description = "Transfers to make (default ${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--role", defaultValue = "all", description = "all (default), bank-a, bank-b or driver: run one site per process.")
    String role;

    @Option(names = "--naming", paramLabel = "URL", description = "A name server (http://HOST:PORT, e.g. a node's): the banks register "
            + "their participant (/transactions/participants/bank-NAME) and work service (/services/bank/NAME), the driver its "
            + "coordinator (/transactions/coordinators/bank-driver), and the driver finds the banks by name instead of by fixed queue names.")
    String naming;

    /** How long resolvers may cache the sample's names. */
    static final long NAME_TTL_MS = 30_000;

    @Override
    public Integer call() throws Exception {
        if (transfers < 1 || transfers > 1_000_000) {
            throw new IllegalArgumentException("--transfers " + transfers + " is outside 1..1000000");
        }
        Path dir = Files.createTempDirectory("parley-sample-bank-");
        EmbeddedPostgres postgres = null;
        try (SampleEnvironment env = environment; BankDirectory names = BankDirectory.of(naming)) {
            if (jdbcA == null || jdbcB == null) {
                postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                        .setServerConfig("max_prepared_transactions", "20").start();
                System.out.println("started an embedded PostgreSQL with databases bank_a and bank_b");
            }
            String urlA = jdbcA != null ? jdbcA : database(postgres, "bank_a");
            String urlB = jdbcB != null ? jdbcB : database(postgres, "bank_b");
            accounts(urlA, "alice", 100);
            accounts(urlB, "bob", 100);
            if (!role.equals("all") && !role.equals("driver")) {
                if (!role.equals("bank-a") && !role.equals("bank-b")) {
                    throw new IllegalArgumentException("--role '" + role + "' is not one of [all, bank-a, bank-b, driver]");
                }
                String name = role.substring("bank-".length());
                try (Broker site = env.open(role); Bank bank = new Bank(site, name, name.equals("a") ? urlA : urlB, dir)) {
                    names.register(bank.participant(), Bank.queue(name));
                    System.out.println("bank " + name + " serving on queue " + Bank.queue(name) + "; stop with Ctrl-C");
                    Thread.currentThread().join();
                    return 0;
                }
            }
            boolean all = role.equals("all");
            try (Broker siteA = all ? env.open("bank-a") : null;
                 Broker siteB = all ? env.open("bank-b") : null;
                 Broker driver = env.open("driver");
                 BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(driver, CoordinatorConfig.builder()
                         .nodeId("sample").objectStoreDirectory(dir.resolve("coordinator-log")).build(), Clock.systemUTC());
                 Bank a = all ? new Bank(siteA, "a", urlA, dir) : null;
                 Bank b = all ? new Bank(siteB, "b", urlB, dir) : null) {
                if (all) {
                    names.register(a.participant(), Bank.queue("a"));
                    names.register(b.participant(), Bank.queue("b"));
                }
                names.registerCoordinator(coordinator.queue());
                Map<String, String> work = Map.of("a", names.workQueue("a"), "b", names.workQueue("b"));
                long before = balance(urlA, "alice") + balance(urlB, "bob");
                System.out.printf("before: alice@a %d, bob@b %d, total %d%n", balance(urlA, "alice"), balance(urlB, "bob"), before);
                Random random = new Random(42);
                int committed = 0;
                for (int i = 0; i < transfers; i++) {
                    boolean aToB = random.nextBoolean();
                    long amount = 1 + random.nextInt(150);
                    Outcome outcome = transfer(coordinator, driver, work, aToB ? "a" : "b", aToB ? "alice" : "bob", aToB ? "b" : "a",
                            aToB ? "bob" : "alice", amount);
                    committed += outcome.isCommitted() ? 1 : 0;
                    System.out.printf("transfer %2d: %3d from %-5s to %-5s -> %s (%s)%n", i + 1, amount, aToB ? "alice" : "bob",
                            aToB ? "bob" : "alice", outcome.status(), outcome.reason());
                }
                long after = balance(urlA, "alice") + balance(urlB, "bob");
                System.out.printf("after:  alice@a %d, bob@b %d, total %d; %d of %d transfers committed; money %s%n", balance(urlA, "alice"),
                        balance(urlB, "bob"), after, committed, transfers, after == before ? "conserved" : "NOT CONSERVED");
                return after == before ? 0 : 1;
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static Outcome transfer(BrokerTransactionCoordinator coordinator, Broker driver, Map<String, String> work, String fromBank,
                                    String from, String toBank, String to, long amount) {
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(30));
        Message debit = driver.request(work.get(fromBank), Bank.work(tx.context(), from, -amount), Duration.ofSeconds(30));
        Message credit = driver.request(work.get(toBank), Bank.work(tx.context(), to, amount), Duration.ofSeconds(30));
        if (!debit.bodyAsText().equals("ok") || !credit.bodyAsText().equals("ok")) {
            System.out.printf("             bank a/b answered: %s / %s%n", debit.bodyAsText(), credit.bodyAsText());
        }
        // each answer carries its bank's vote; a bank whose work failed votes abort, and commit() answers ABORTED with the reason
        try {
            tx.takeVote(debit);
            tx.takeVote(credit);
        } catch (TransactionException e) {
            return tx.rollback(); // a bank that could not even enlist: its vote counts for nothing, and its work was not done
        }
        return tx.commit();
    }

    private static String database(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    private static void accounts(String url, String owner, long balance) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS accounts (id text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
            s.execute("INSERT INTO accounts VALUES ('" + owner + "', " + balance + ") ON CONFLICT (id) DO NOTHING");
        }
    }

    private static long balance(String url, String owner) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT balance FROM accounts WHERE id = '" + owner + "'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** One bank: its database as a participant, and a work queue {@code bank.<name>}. */
    private static final class Bank implements AutoCloseable {
        private final PostgresParticipant database;
        private final ParticipantRef participant;
        private final ParticipantEndpoint endpoint;
        private final Subscription work;

        Bank(Broker broker, String name, String url, Path dir) throws IOException {
            database = new PostgresParticipant(name, url, null, null);
            participant = new ParticipantRef(name, "bank." + name + ".tx");
            endpoint = ParticipantEndpoint.start(broker, database, ParticipantConfig.of(participant,
                    dir.resolve("participant-" + name + ".log")), Clock.systemUTC());
            work = broker.notify(queue(name), this::onWork, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));
        }

        ParticipantRef participant() {
            return participant;
        }

        static String queue(String name) {
            return "bank." + name;
        }

        /** A transfer's one piece of work for a bank, hence its last in the transaction. */
        static Message work(TransactionContext context, String account, long delta) {
            return TransactionHeaders.lastWork(TransactionHeaders.inject(context, Message.builder().text("transfer")).header("account", account)
                    .header("delta", Long.toString(delta))).build();
        }

        private void onWork(Delivery delivery) {
            Message m = delivery.message();
            String status = "ok";
            try {
                TransactionContext context = TransactionHeaders.extract(m).orElseThrow();
                long delta = Long.parseLong(m.header("delta").orElseThrow());
                String account = m.header("account").orElseThrow();
                endpoint.enlist(context);
                database.work(context.transactionId(), c -> {
                    try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                        update.setLong(1, delta);
                        update.setString(2, account);
                        return update.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                status = "refused: " + e.getMessage();
            }
            Message.Builder answer = Message.builder().text(status);
            try {
                endpoint.voteIfLastWork(m, answer); // prepared now (or aborted, if the work failed); the vote rides on the answer
            } catch (RuntimeException e) {
                answer.text("refused: " + e.getMessage());
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
}
