package io.parley.bench.naming;

import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NamingClient;
import io.parley.naming.RecordType;
import io.parley.naming.ResolutionMode;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.naming.server.NamingServer;
import io.parley.naming.server.NamingServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * {@code ./parley bench naming-resolve}: cached recursive resolutions per second over HTTP.
 *
 * <pre>
 *   32 load threads, one keep-alive connection each
 *        |  GET /v1/resolve/bench/svc-N?mode=recursive      (parley: a cache hit at the root)
 *        |  GET /bench/fixed                                 (baseline: a fixed answer, same size)
 *        v
 *   root name server (zone /, Grizzly + Jersey) --delegation /bench--> second name server (zone /bench)
 * </pre>
 *
 * Both run against the same HTTP server in the same run; each first runs a warm-up that is
 * discarded (JIT), then the two take turns in {@code --rounds} measured rounds, alternating which
 * goes first, and each side's figure is the mean of its rounds. A second figure is the resolver library's in-process cache: hits
 * per second of {@link Resolver#lookup} on names it has cached, from the same number of threads.
 */
@Command(name = "naming-resolve", mixinStandardHelpOptions = true,
        description = "Cached recursive resolutions/s over HTTP vs the same server's fixed answer; resolver cache hits/s.")
public final class NamingResolve implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent HTTP clients (keep-alive connections). Default 32.")
    private int clients;

    @Option(names = "--names", defaultValue = "1000", description = "Distinct names resolved (all cached). Default 1000.")
    private int names;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Warm-up per side, discarded. Default 20.")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured time per side, split into --rounds rounds. Default 20.")
    private int seconds;

    @Option(names = "--rounds", defaultValue = "4",
            description = "Measured rounds; the sides take turns, alternating which goes first, so load from elsewhere falls on both. Default 4.")
    private int rounds;

    @Override
    public void run() {
        check("--clients", clients, 1, 1024);
        check("--names", names, 1, 1_000_000);
        check("--warmup-seconds", warmupSeconds, 0, 3600);
        check("--seconds", seconds, 1, 3600);
        check("--rounds", rounds, 1, 100);
        PrintStream out = System.out;
        Path data;
        try {
            data = Files.createTempDirectory("parley-bench-naming-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String answerSizedBody = "{\"name\":\"/bench/svc-1\",\"record\":{\"type\":\"service\",\"addresses\":[\"http://svc-1.bench:8080\"],"
                + "\"ttlMs\":3600000,\"attributes\":{}},\"ttlMs\":3599000,\"zone\":\"/bench\",\"authoritative\":false,\"stale\":false,\"chain\":[]}";
        try (NamingServer leaf = NamingServer.start(NamingServerConfig.builder().zone("/bench").dataDirectory(data.resolve("leaf")).build(),
                "localhost", 0);
             NamingServer root = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(data.resolve("root")).build(),
                     "localhost", 0, List.of(new FixedAnswerResource(answerSizedBody)))) {
            describe(out, root);
            NamingClient.of(root.url()).bind(Name.parse("/bench"), NameRecord.delegation(3_600_000, List.of(leaf.url())));
            NamingClient leafClient = NamingClient.of(leaf.url());
            for (int i = 0; i < names; i++) {
                leafClient.bind(Name.parse("/bench/svc-" + i), NameRecord.of(RecordType.SERVICE, 3_600_000, "http://svc-" + i + ".bench:8080"));
            }
            NamingClient rootClient = NamingClient.of(root.url());
            for (int i = 0; i < names; i++) {
                rootClient.resolve(Name.parse("/bench/svc-" + i), ResolutionMode.RECURSIVE, List.of());
            }
            int port = URI.create(root.url()).getPort();
            PathSource parley = n -> "/v1/resolve/bench/svc-" + (n % names) + "?mode=recursive";
            PathSource baseline = n -> "/bench/fixed";

            System.err.printf("warm-up %d s each (discarded)%n", warmupSeconds);
            load(port, parley, warmupSeconds);
            load(port, baseline, warmupSeconds);
            int roundSeconds = Math.max(1, seconds / rounds);
            System.err.printf("measuring %d rounds of %d s per side, order alternating%n", rounds, roundSeconds);
            double parleySum = 0;
            double baselineSum = 0;
            for (int round = 1; round <= rounds; round++) {
                boolean parleyFirst = round % 2 == 1;
                double first = load(port, parleyFirst ? parley : baseline, roundSeconds);
                double second = load(port, parleyFirst ? baseline : parley, roundSeconds);
                double parleyRound = parleyFirst ? first : second;
                double baselineRound = parleyFirst ? second : first;
                out.printf("round %d:   parley %.0f/s, baseline %.0f/s (%s first)%n", round, parleyRound, baselineRound,
                        parleyFirst ? "parley" : "baseline");
                parleySum += parleyRound;
                baselineSum += baselineRound;
            }
            double parleyRate = parleySum / rounds;
            double baselineRate = baselineSum / rounds;
            out.printf("http:      parley %.0f cached recursive resolutions/s, baseline %.0f fixed answers/s (%d clients)%n",
                    parleyRate, baselineRate, clients);
            double hits = resolverCacheHits(root.url());
            out.printf("resolver:  %.0f in-process cache hits/s (Resolver.lookup of %d cached names, %d threads)%n", hits, names, clients);
            out.printf("RESULT naming-resolve parley=%.0f baseline=%.0f ratio=%.2f unit=ops/s%n", parleyRate, baselineRate,
                    parleyRate / baselineRate);
            out.flush();
        } finally {
            delete(data);
        }
    }

    /** The path a load thread asks for on its n-th request. */
    interface PathSource {
        String path(long n);
    }

    /** Runs {@code clients} threads against {@code port} for {@code seconds}; answers requests/s (only 200s count). */
    private double load(int port, PathSource paths, int seconds) {
        if (seconds == 0) {
            return 0;
        }
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < clients; t++) {
            long offset = t * 7919L;
            Thread thread = new Thread(() -> {
                try (KeepAliveClient client = new KeepAliveClient("localhost", port)) {
                    started.countDown();
                    long n = offset;
                    while (running.get()) {
                        int status = client.get(paths.path(n++));
                        if (status != 200) {
                            throw new IllegalStateException("HTTP " + status + " for " + paths.path(n - 1));
                        }
                        done.increment();
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    started.countDown();
                }
            }, "bench-client-" + t);
            thread.start();
            threads.add(thread);
        }
        try {
            started.await();
            long before = done.sum();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = done.sum() - before;
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("load thread failed: " + failures.get(0), failures.get(0));
            }
            return count / elapsedSeconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double resolverCacheHits(String rootUrl) {
        try (Resolver resolver = new Resolver(ResolverConfig.builder().roots(rootUrl).build())) {
            List<Name> cached = new ArrayList<>();
            for (int i = 0; i < names; i++) {
                Name name = Name.parse("/bench/svc-" + i);
                resolver.lookup(name, ResolutionMode.RECURSIVE);
                cached.add(name);
            }
            LongAdder hits = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int offset = t;
                Thread thread = new Thread(() -> {
                    int n = offset;
                    while (running.get()) {
                        resolver.lookup(cached.get(n++ % cached.size()), ResolutionMode.RECURSIVE);
                        hits.increment();
                    }
                }, "bench-resolver-" + t);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(Math.min(warmupSeconds, 5) * 1000L);
            long before = hits.sum();
            long start = System.nanoTime();
            Thread.sleep(Math.min(seconds, 10) * 1000L);
            double rate = (hits.sum() - before) / ((System.nanoTime() - start) / 1e9);
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            return rate;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void describe(PrintStream out, NamingServer root) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("scenario:  naming-resolve — cached recursive resolutions over HTTP vs the same server's fixed answer%n");
        out.printf("machine:   %d cores, %s %s (%s); load generator in the same JVM, same cores%n", runtime.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        out.printf("java:      %s %s, max heap %d MiB%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                runtime.maxMemory() >> 20);
        out.printf("server:    %s (Grizzly + Jersey, 64 workers), root zone / delegating /bench; %d names, %d keep-alive clients%n",
                root.url(), names, clients);
        out.printf("timing:    %d s warm-up per side discarded, %d s measured per side in %d alternating rounds%n", warmupSeconds, seconds, rounds);
    }

    private void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + value + " is out of range " + min + ".." + max);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
