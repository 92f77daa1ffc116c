package io.parley.bench.tx;

import com.arjuna.ats.jta.TransactionManager;
import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.coordinator.core.BrokerTransactionCoordinator;
import io.parley.coordinator.core.CoordinatorConfig;
import io.parley.coordinator.xa.StillPreparedGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import org.postgresql.xa.PGXADataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.XAConnection;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario {@code 2pc}: bank transfers across two PostgreSQL databases (one embedded server,
 * {@code fsync=on}, {@code synchronous_commit=on}), each a debit in bank a and a credit in bank b.
 *
 * <pre>
 *  parley:    driver enlists bank a and bank b with the coordinator (same JVM; no REGISTER round trip), then
 *             driver --work request, marked last work--> bank a / bank b (participants, PostgreSQL local transactions,
 *             PREPARE TRANSACTION after the work) --answer carrying the vote--> driver, which hands the votes to the transaction
 *             driver --commit--> coordinator (Narayana AtomicAction, file log) --GLOBAL_COMMIT over embedded Artemis
 *             (persistence on, journal sync on)--> participants: COMMIT PREPARED
 *             (--votes on-request: the work is not marked; the commit sends VOTE_REQUEST and the banks prepare then)
 *  baseline:  in-process Narayana JTA: the same two databases through PGXADataSource, XA prepare/commit, same log
 * </pre>
 * Measured in one run: transfers/s with 1 and with N concurrent transactions, p50/p99 of commit
 * (the commit call alone; with votes carried by the work, Parley's commit no longer includes the
 * prepare, so the whole transfer's p50/p99 is reported too); each measurement alternates Parley and the baseline in rounds, on the
 * same driver threads, so outside load falls on both. Money is checked to be conserved at the end. The RESULT line carries
 * the N-concurrent throughput.
 */
@Command(name = "2pc", mixinStandardHelpOptions = true,
        description = "Distributed transfers over two PostgreSQL databases: Parley 2PC over queues vs in-process Narayana JTA XA.")
public final class TwoPhaseBench implements Callable<Integer> {

    @Option(names = "--concurrency", defaultValue = "32", description = "Concurrent transactions of the main run (default ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration of each measured run (default ${DEFAULT-VALUE}).")
    private int seconds;

    // the JIT compiles for tens of seconds on two cores (Artemis, Narayana, PostgreSQL's driver and
    // Parley in one JVM): 5 s measured Parley at 391 tx/s and ratio 0.32, 60 s at 568 tx/s and 0.42
    @Option(names = "--warmup-seconds", defaultValue = "60", description = "Discarded warm-up per side (default ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--accounts", defaultValue = "10000", description = "Accounts per bank; transfers pick them at random (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--prefetch", defaultValue = "1000", description = "Messages each consumer of Parley's broker client may buffer ahead (default ${DEFAULT-VALUE}).")
    private int prefetch;

    @Option(names = "--consumers", defaultValue = "32", description = "Consumer threads on each bank's protocol queue, whose "
            + "handlers wait for PostgreSQL (PREPARE TRANSACTION, COMMIT PREPARED) (default ${DEFAULT-VALUE}).")
    private int consumers;

    @Option(names = "--work-consumers", defaultValue = "16", description = "Consumer threads on each bank's work queue (default ${DEFAULT-VALUE}).")
    private int workConsumers;

    @Option(names = "--coordinator-consumers", defaultValue = "4", description = "Consumer threads on the coordinator's queue, whose "
            + "handlers never block (default ${DEFAULT-VALUE}).")
    private int coordinatorConsumers;

    /** Driver threads, kept for the whole run: the baseline's per-thread XA connections are opened once, not per round. */
    private ExecutorService workers;

    private interface Transfer {
        /** One transfer; answers the commit's duration in ns, or -1 if it aborted. */
        long run(int from, int to, long amount) throws Exception;
    }

    @Option(names = "--enlist", defaultValue = "initiator", description = "How banks enlist: 'initiator' (the driver enlists them "
            + "before sending work; no REGISTER) or 'register' (each bank sends REGISTER and waits for REGISTERED) (default ${DEFAULT-VALUE}).")
    private String enlist;

    @Option(names = "--votes", defaultValue = "with-work", description = "'with-work': each work request is marked as its bank's "
            + "last work, the bank prepares with it and its answer carries its vote (no VOTE_REQUEST); 'on-request': the banks "
            + "prepare when the commit sends VOTE_REQUEST (default ${DEFAULT-VALUE}).")
    private String votes;

    @Option(names = "--bank-connections", defaultValue = "own", description = "'own': each bank is a broker client with its own "
            + "connection (TCP), as separate processes would be; 'shared': the banks use the coordinator's client (default ${DEFAULT-VALUE}).")
    private String bankConnections;

    @Option(names = "--rounds", defaultValue = "4", description = "Each measured run is split into this many rounds, alternating "
            + "Parley and the baseline, so load from elsewhere on the machine falls on both sides alike (default ${DEFAULT-VALUE}).")
    private int rounds;

    /** One side's measurement; {@code cpuNanos} is this JVM's CPU time meanwhile (PostgreSQL's own is not in it). */
    private record Run(long committed, double seconds, Histogram commitNanos, Histogram transferNanos, long aborted, long cpuNanos) {
        double perSecond() {
            return seconds == 0 ? 0 : committed / seconds;
        }

        double cpuMsPerTransfer() {
            return committed + aborted == 0 ? 0 : cpuNanos / 1e6 / (committed + aborted);
        }

        Run plus(Run other) {
            return new Run(committed + other.committed, seconds + other.seconds, sum(commitNanos, other.commitNanos),
                    sum(transferNanos, other.transferNanos), aborted + other.aborted, cpuNanos + other.cpuNanos);
        }

        static Run empty() {
            return new Run(0, 0, new Histogram(3), new Histogram(3), 0, 0);
        }

        private static Histogram sum(Histogram a, Histogram b) {
            Histogram all = new Histogram(3);
            all.add(a);
            all.add(b);
            return all;
        }
    }

    @Override
    public Integer call() throws Exception {
        inRange("--concurrency", concurrency, 1, 1024);
        inRange("--seconds", seconds, 1, 3600);
        inRange("--warmup-seconds", warmupSeconds, 0, 3600);
        inRange("--accounts", accounts, 2, 10_000_000);
        inRange("--prefetch", prefetch, 0, 100_000);
        inRange("--consumers", consumers, 1, 256);
        inRange("--work-consumers", workConsumers, 1, 256);
        inRange("--coordinator-consumers", coordinatorConsumers, 1, 256);
        inRange("--rounds", rounds, 1, 100);
        if (!bankConnections.equals("own") && !bankConnections.equals("shared")) {
            throw new IllegalArgumentException("--bank-connections '" + bankConnections + "' is neither 'own' nor 'shared'");
        }
        if (!votes.equals("with-work") && !votes.equals("on-request")) {
            throw new IllegalArgumentException("--votes '" + votes + "' is neither 'with-work' nor 'on-request'");
        }
        if (!enlist.equals("initiator") && !enlist.equals("register")) {
            throw new IllegalArgumentException("--enlist '" + enlist + "' is neither 'initiator' nor 'register'");
        }
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("parley-bench-2pc-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("max_prepared_transactions", "300").setServerConfig("max_connections", "400")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start()) {
            String urlA = bank(postgres, "bank_a");
            String urlB = bank(postgres, "bank_b");
            ArtemisEngine engine = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).messagingPort(0).build());
            try (Broker broker = Brokers.openOwning(engine, BrokerConfig.builder().clientId("bench-2pc").stateDirectory(dir.resolve("client"))
                    .consumerPrefetch(prefetch).build());
                 BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(broker, CoordinatorConfig.builder()
                         .nodeId("bench").objectStoreDirectory(dir.resolve("objectstore")).concurrency(coordinatorConsumers).build(), Clock.systemUTC());
                 BankClient clientA = bankClient(broker, engine, dir, "a");
                 BankClient clientB = bankClient(broker, engine, dir, "b");
                 BenchBank a = new BenchBank(clientA.broker(), "a", urlA, dir.resolve("a.log"), consumers, workConsumers);
                 BenchBank b = new BenchBank(clientB.broker(), "b", urlB, dir.resolve("b.log"), consumers, workConsumers)) {
                out.printf("scenario:  2pc, transfers of a random amount between random accounts of %d per bank%n", accounts);
                out.printf("machine:   %d cores, java %s; PostgreSQL embedded (zonky), fsync=on, synchronous_commit=on; "
                        + "Artemis embedded, journal sync on; Narayana 7.3.4.Final file store at %s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"), dir);
                out.printf("postgres:  fsync=%s synchronous_commit=%s (as the server reports them); consumers %d per bank protocol "
                        + "queue, %d per work queue, %d on the coordinator queue, prefetch %d, enlistment by %s, votes %s, bank connections %s%n",
                        setting(urlA, "fsync"), setting(urlA, "synchronous_commit"), consumers, workConsumers, coordinatorConsumers, prefetch,
                        enlist, votes, bankConnections);
                long total = total(urlA) + total(urlB);
                boolean byInitiator = enlist.equals("initiator");
                boolean votesWithWork = votes.equals("with-work");
                Transfer parley = (from, to, amount) -> parleyTransfer(coordinator, broker, byInitiator, votesWithWork, from, to, amount);
                PGXADataSource xaA = xaDataSource(urlA);
                PGXADataSource xaB = xaDataSource(urlB);
                ThreadLocal<XAConnection[]> connections = ThreadLocal.withInitial(() -> new XAConnection[]{open(xaA), open(xaB)});
                Transfer xa = (from, to, amount) -> xaTransfer(connections.get(), from, to, amount);

                workers = Executors.newFixedThreadPool(concurrency);
                System.err.printf("2pc: warm-up %d s per side%n", warmupSeconds);
                measure(parley, concurrency, warmupSeconds);
                measure(xa, concurrency, warmupSeconds);
                System.err.printf("2pc: 1 transaction at a time, %d s per side in %d alternating rounds%n", seconds, rounds);
                Run[] one = alternate(parley, xa, 1);
                Run parley1 = one[0];
                Run xa1 = one[1];
                System.err.printf("2pc: %d concurrent transactions, %d s per side in %d alternating rounds%n", concurrency, seconds, rounds);
                Run[] many = alternate(parley, xa, concurrency);
                Run parleyN = many[0];
                Run xaN = many[1];
                report(out, "1", parley1, xa1);
                report(out, Integer.toString(concurrency), parleyN, xaN);
                workers.shutdown();
                long after = total(urlA) + total(urlB);
                out.printf("money:     total before %d, after %d: %s%n", total, after, total == after ? "conserved" : "NOT CONSERVED");
                double ratio = parleyN.perSecond() / xaN.perSecond();
                out.printf(Locale.ROOT, "targets:   ratio >= 0.8: %.2f %s; >= 1000 tx/s at %d concurrent: %.0f %s%n", ratio,
                        ratio >= 0.8 ? "met" : "NOT met", concurrency, parleyN.perSecond(), parleyN.perSecond() >= 1000 ? "met" : "NOT met");
                out.printf(Locale.ROOT, "RESULT 2pc parley=%.0f baseline=%.0f ratio=%.2f unit=tx/s%n", parleyN.perSecond(), xaN.perSecond(), ratio);
                return total == after ? 0 : 1;
            }
        }
    }

    private static long parleyTransfer(BrokerTransactionCoordinator coordinator, Broker broker, boolean byInitiator, boolean votesWithWork,
                                       int from, int to, long amount) {
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        var debit = broker.requestAsync(BenchBank.queue("a"), BenchBank.request(tx, byInitiator, votesWithWork, "a", from, -amount),
                Duration.ofSeconds(30));
        var credit = broker.requestAsync(BenchBank.queue("b"), BenchBank.request(tx, byInitiator, votesWithWork, "b", to, amount),
                Duration.ofSeconds(30));
        Message d = debit.join();
        Message c = credit.join();
        if (!"ok".equals(d.header("status").orElse("")) || !"ok".equals(c.header("status").orElse(""))) {
            tx.rollback();
            return -1;
        }
        if (votesWithWork) {
            tx.takeVote(d);
            tx.takeVote(c);
        }
        long start = System.nanoTime();
        Outcome outcome = tx.commit();
        return outcome.isCommitted() ? System.nanoTime() - start : -1;
    }

    private static long xaTransfer(XAConnection[] c, int from, int to, long amount) throws Exception {
        jakarta.transaction.TransactionManager tm = TransactionManager.transactionManager();
        tm.begin();
        try {
            tm.getTransaction().enlistResource(new StillPreparedGuard(c[0].getXAResource()));
            tm.getTransaction().enlistResource(new StillPreparedGuard(c[1].getXAResource()));
            update(c[0].getConnection(), from, -amount);
            update(c[1].getConnection(), to, amount);
        } catch (Exception e) {
            tm.rollback();
            return -1;
        }
        long start = System.nanoTime();
        tm.commit();
        return System.nanoTime() - start;
    }

    private static void update(Connection c, int account, long delta) throws Exception {
        try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
            update.setLong(1, delta);
            update.setInt(2, account);
            update.executeUpdate();
        }
    }

    /** {@code rounds} rounds of {@code seconds / rounds} per side, Parley and baseline taking turns; answers both totals. */
    private Run[] alternate(Transfer parley, Transfer xa, int threads) throws Exception {
        Run p = Run.empty();
        Run x = p;
        double roundSeconds = (double) seconds / rounds;
        for (int r = 0; r < rounds; r++) {
            p = p.plus(measure(parley, threads, roundSeconds));
            x = x.plus(measure(xa, threads, roundSeconds));
        }
        return new Run[]{p, x};
    }

    private Run measure(Transfer transfer, int threads, double durationSeconds) throws Exception {
        if (durationSeconds == 0) {
            return Run.empty();
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong();
        AtomicLong aborted = new AtomicLong();
        List<Future<Histogram[]>> results = new ArrayList<>();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            results.add(workers.submit(() -> {
                Histogram commits = new Histogram(3);
                Histogram transfers = new Histogram(3);
                while (running.get()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long began = System.nanoTime();
                    long nanos = transfer.run(random.nextInt(accounts), random.nextInt(accounts), 1 + random.nextInt(100));
                    if (nanos >= 0) {
                        committed.incrementAndGet();
                        commits.recordValue(Math.max(1, nanos));
                        transfers.recordValue(Math.max(1, System.nanoTime() - began));
                    } else {
                        aborted.incrementAndGet();
                    }
                }
                return new Histogram[]{commits, transfers};
            }));
        }
        Thread.sleep((long) (durationSeconds * 1000));
        running.set(false);
        Histogram commits = new Histogram(3);
        Histogram transfers = new Histogram(3);
        for (Future<Histogram[]> r : results) {
            commits.add(r.get()[0]);
            transfers.add(r.get()[1]);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Run(committed.get(), elapsed, commits, transfers, aborted.get(), processCpuNanos() - cpuStart);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(PrintStream out, String concurrency, Run parley, Run xa) {
        for (String side : List.of("parley", "xa")) {
            Run run = side.equals("parley") ? parley : xa;
            out.printf(Locale.ROOT, "%3s concurrent  %-6s %7.0f tx/s  commit p50 %7.2f ms p99 %7.2f ms  transfer p50 %7.2f ms p99 %7.2f ms  "
                    + "JVM CPU %5.2f ms/transfer  (aborted %d)%n", concurrency, side, run.perSecond(), ms(run.commitNanos(), 50),
                    ms(run.commitNanos(), 99), ms(run.transferNanos(), 50), ms(run.transferNanos(), 99), run.cpuMsPerTransfer(), run.aborted());
        }
    }

    private static double ms(Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0 ? 0 : nanos.getValueAtPercentile(percentile) / 1e6;
    }

    private String bank(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = postgres.getJdbcUrl("postgres", name);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
            s.execute("INSERT INTO accounts SELECT i, 1000000 FROM generate_series(0, " + (accounts - 1) + ") i");
        }
        return url;
    }

    private static long total(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(balance) FROM accounts")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A bank's broker client; closes it only if the bank owns it. */
    private record BankClient(Broker broker, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                broker.close();
            }
        }
    }

    /** The broker client of one bank: its own connection to the embedded server, or the coordinator's client. */
    private BankClient bankClient(Broker shared, ArtemisEngine engine, Path dir, String bank) {
        if (bankConnections.equals("shared")) {
            return new BankClient(shared, false);
        }
        return new BankClient(Brokers.openOwning(ArtemisEngine.connect(engine.messagingUrl()), BrokerConfig.builder().clientId("bench-2pc-bank-" + bank)
                .stateDirectory(dir.resolve("client-" + bank)).consumerPrefetch(prefetch).build()), true);
    }

    private static String setting(String url, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private static PGXADataSource xaDataSource(String url) {
        PGXADataSource ds = new PGXADataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }

    private static XAConnection open(PGXADataSource ds) {
        try {
            return ds.getXAConnection();
        } catch (Exception e) {
            throw new IllegalStateException("cannot open an XA connection: " + e.getMessage(), e);
        }
    }

    private static void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " " + value + " is outside " + min + ".." + max);
        }
    }
}
