package io.parley.bench.rpc;

import io.parley.broker.Broker;
import io.parley.broker.Durability;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcClientConfig;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Scenario {@code rpc}: synchronous calls with a small payload, Parley RPC against gRPC-java unary
 * calls, in the same run on the same machine.
 *
 * <pre>
 *  parley:  caller --TCP--> embedded Artemis (as in a node: persistence on; TRANSIENT requests on
 *           queue rpc.bench-echo) --TCP--> RpcServer (its own broker client) --> reply queue --> caller
 *  grpc:    caller --HTTP/2 over TCP (Netty, localhost)--> gRPC server
 * </pre>
 *
 * Measured: p50/p99 latency with 1 caller (one call at a time), then calls/s with 32 concurrent
 * callers; a warm-up of {@code --warmup-seconds} (the sides taking turns) is discarded. Each measurement is split into rounds in which the sides
 * take turns, so background load that comes and goes on a shared machine weighs on both sides
 * alike. The RESULT line carries the 32-caller throughput. Two references run too, not compared:
 * the broker client's request/reply without the RPC layer, and Artemis's core client alone over the
 * same broker ({@link ArtemisCoreEcho}, the engine's floor for a call that crosses the broker twice).
 */
@Command(name = "rpc", mixinStandardHelpOptions = true,
        description = "Synchronous RPC with a small payload: Parley RPC over the broker vs gRPC-java unary calls.")
public final class RpcBench implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--calls", defaultValue = "5000", description = "Calls of the 1-caller latency run per side (default ${DEFAULT-VALUE}).")
    private int calls;

    @Option(names = "--warmup-seconds", defaultValue = "60", description = "Length of the discarded warm-up, the sides taking turns "
            + "in short latency and throughput runs (default ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--callers", defaultValue = "32", description = "Concurrent callers of the throughput run (default ${DEFAULT-VALUE}).")
    private int callers;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration of each throughput run (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--size", defaultValue = "64", description = "Payload size in characters (default ${DEFAULT-VALUE}).")
    private int size;

    @Override
    public Integer call() throws Exception {
        inRange("--calls", calls, 1, 10_000_000);
        inRange("--warmup-seconds", warmupSeconds, 0, 3_600);
        inRange("--callers", callers, 1, 1024);
        inRange("--seconds", seconds, 1, 3600);
        inRange("--size", size, 1, 1_000_000);
        inRange("--workers", workers, 1, 256);
        PrintStream out = System.out;
        String payload = "x".repeat(size);
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        Path directory = Files.createTempDirectory("parley-bench-rpc-");
        ArtemisEngine node = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(directory.resolve("artemis")).messagingPort(0).build());
        node.start();
        String url = node.messagingUrl();
        try (Broker serverBroker = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId("bench-rpc-server")
                     .stateDirectory(directory.resolve("server-broker")).build());
             Broker clientBroker = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId("bench-rpc-client")
                     .stateDirectory(directory.resolve("client-broker")).build());
             RpcServer server = RpcServer.builder(serverBroker).config(RpcServerConfig.builder()
                     .stateDirectory(directory.resolve("rpc-server")).workers(workers()).build()).build();
             RpcClient client = RpcClient.builder(clientBroker).config(RpcClientConfig.builder()
                     .requestDurability(Durability.TRANSIENT).build()).build();
             GrpcEcho grpc = new GrpcEcho();
             ArtemisCoreEcho core = new ArtemisCoreEcho(url, workers())) {
            server.export("bench-echo", EchoService.class, new EchoService() {
                @Override
                public String echo(String text) {
                    return text;
                }

                @Override
                public String echoOnce(String text) {
                    return text;
                }
            });
            EchoService parley = client.stub(EchoService.class, "bench-echo");
            // references, not compared: the broker client's own request/reply on a plain queue, without the RPC
            // layer (AT_LEAST_ONCE, as the RPC server's consumers), and Artemis's core client alone (the engine's floor)
            try (var echoQueue = serverBroker.notify("bench.raw-echo", d -> d.reply(io.parley.broker.Message.of(d.message().body(),
                    io.parley.broker.Message.OCTET_STREAM).toBuilder().durability(Durability.TRANSIENT).build()),
                    io.parley.broker.ConsumerOptions.of(io.parley.broker.DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(workers()))) {
            UnaryOperator<String> rawCall = p -> clientBroker.request("bench.raw-echo", io.parley.broker.Message.builder()
                    .body(p.getBytes(StandardCharsets.UTF_8), io.parley.broker.Message.OCTET_STREAM).durability(Durability.TRANSIENT).build(),
                    java.time.Duration.ofSeconds(30)).bodyAsText();
            describe(out, url, grpc.port(), directory);
            UnaryOperator<String> parleyCall = parley::echo;
            UnaryOperator<String> parleyOnce = parley::echoOnce;
            UnaryOperator<String> grpcCall = p -> new String(grpc.echo(p.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            check(parleyCall, payload);
            check(grpcCall, payload);
            check(core, payload);

            // the JIT compiles for tens of seconds on two cores: until it is done, the side with more
            // code (Parley's client, server and broker in one JVM) is measured against the compiler
            System.err.printf("rpc: warm-up %d s, the sides taking turns%n", warmupSeconds);
            long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            do {
                latency(parleyCall, payload, 2000, new Histogram(3));
                latency(parleyOnce, payload, 200, new Histogram(3));
                latency(grpcCall, payload, 2000, new Histogram(3));
                latency(rawCall, payload, 1000, new Histogram(3));
                latency(core, payload, 1000, new Histogram(3));
                throughput(parleyCall, payload, callers, 2000);
                throughput(grpcCall, payload, callers, 2000);
                throughput(rawCall, payload, callers, 1000);
                throughput(core, payload, callers, 1000);
            } while (System.nanoTime() < warmupEnd);

            // the sides take turns, ROUNDS times, so a change in the machine's background load
            // (other builds on the shared cores) falls on both sides alike rather than on one
            System.err.printf("rpc: latency, 1 caller, %d calls per side in %d alternating rounds%n", calls, ROUNDS);
            Histogram parleyLatency = new Histogram(3);
            Histogram grpcLatency = new Histogram(3);
            Histogram onceLatency = new Histogram(3);
            Histogram rawLatency = new Histogram(3);
            Histogram coreLatency = new Histogram(3);
            for (int round = 0; round < ROUNDS; round++) {
                int share = share(calls, round);
                latency(parleyCall, payload, share, parleyLatency);
                latency(grpcCall, payload, share, grpcLatency);
                latency(parleyOnce, payload, Math.max(1, share / 5), onceLatency);
                latency(rawCall, payload, share, rawLatency);
                latency(core, payload, share, coreLatency);
            }
            out.printf(Locale.ROOT, "latency 1 caller  parley  %s%n", summary(parleyLatency));
            out.printf(Locale.ROOT, "latency 1 caller  grpc    %s%n", summary(grpcLatency));
            out.printf(Locale.ROOT, "latency 1 caller  parley at-most-once (fsync per call, not compared) %s%n", summary(onceLatency));
            out.printf(Locale.ROOT, "latency 1 caller  broker request/reply without RPC (reference)   %s%n", summary(rawLatency));
            out.printf(Locale.ROOT, "latency 1 caller  Artemis core client alone (the engine's floor)  %s%n", summary(coreLatency));

            System.err.printf("rpc: throughput, %d callers, %d s per side in %d alternating rounds%n", callers, seconds, ROUNDS);
            long roundMillis = Math.max(1, seconds * 1000L / ROUNDS);
            Run parleyRun = Run.NONE;
            Run grpcRun = Run.NONE;
            Run rawRun = Run.NONE;
            Run coreRun = Run.NONE;
            for (int round = 0; round < ROUNDS; round++) {
                parleyRun = parleyRun.plus(throughput(parleyCall, payload, callers, roundMillis));
                grpcRun = grpcRun.plus(throughput(grpcCall, payload, callers, roundMillis));
                rawRun = rawRun.plus(throughput(rawCall, payload, callers, roundMillis));
                coreRun = coreRun.plus(throughput(core, payload, callers, roundMillis));
            }
            double parleyRate = parleyRun.rate();
            double grpcRate = grpcRun.rate();
            double rawRate = rawRun.rate();
            out.printf(Locale.ROOT, "throughput %d callers  parley %.0f calls/s, grpc %.0f calls/s; references: broker request/reply without RPC %.0f/s,"
                    + " Artemis core alone %.0f/s%n", callers, parleyRate, grpcRate, rawRate, coreRun.rate());
            // CPU per call is far less sensitive than calls/s to other processes on a shared machine
            out.printf(Locale.ROOT, "cpu per call (whole process, %d callers)  parley %.0f us, grpc %.0f us; broker request/reply without RPC %.0f us,"
                    + " Artemis core alone %.0f us%n", callers, parleyRun.cpuMicrosPerCall(), grpcRun.cpuMicrosPerCall(), rawRun.cpuMicrosPerCall(),
                    coreRun.cpuMicrosPerCall());

            double p50Ratio = micros(parleyLatency, 50) / micros(grpcLatency, 50);
            double ratio = parleyRate / grpcRate;
            out.printf(Locale.ROOT, "targets:   throughput ratio >= 0.5: %.2f %s; p50 <= 2x gRPC's: %.1fx %s (Artemis core alone: %.1fx)%n",
                    ratio, ratio >= 0.5 ? "met" : "NOT met", p50Ratio, p50Ratio <= 2 ? "met" : "NOT met",
                    micros(coreLatency, 50) / micros(grpcLatency, 50));
            out.printf(Locale.ROOT, "RESULT rpc parley=%.0f baseline=%.0f ratio=%.2f unit=calls/s%n", parleyRate, grpcRate, ratio);
            }
        } finally {
            node.close();
            deleteRecursively(directory);
        }
        return 0;
    }

    private void describe(PrintStream out, String url, int grpcPort, Path directory) {
        Runtime runtime = Runtime.getRuntime();
        out.println("== rpc ==");
        out.println("measures:  synchronous calls echo(String) with a " + size + "-character payload;");
        out.println("           latency p50/p99 with 1 caller, then calls/s with " + callers + " concurrent callers");
        out.println("parley:    RpcClient -> " + url + " (embedded Artemis, persistence on; requests TRANSIENT on queue rpc.bench-echo,");
        out.println("           @Idempotent method: no durable table) -> RpcServer with " + workers() + " workers, over TCP");
        out.println("baseline:  gRPC-java " + io.grpc.internal.GrpcUtil.IMPLEMENTATION_VERSION
                + " unary call, Netty, plaintext HTTP/2 on 127.0.0.1:" + grpcPort + ", byte[] marshaller");
        out.printf("machine:   %d cores, %s %s, java %s, max heap %d MiB; data dir %s%n", runtime.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.runtime.version"),
                runtime.maxMemory() >> 20, directory);
    }

    @Option(names = "--workers", defaultValue = "8", description = "RPC server workers (default ${DEFAULT-VALUE}).")
    private int workers;

    private int workers() {
        return workers;
    }

    private static void check(UnaryOperator<String> call, String payload) {
        String reply = call.apply(payload);
        if (!payload.equals(reply)) {
            throw new IllegalStateException("echo answered '" + reply + "' to '" + payload + "'");
        }
    }

    /** Rounds each measurement is split into, the sides taking turns. */
    private static final int ROUNDS = 5;

    /** Round {@code round}'s part of {@code total} calls (the first rounds take the remainder). */
    private static int share(int total, int round) {
        return Math.max(1, total / ROUNDS + (round < total % ROUNDS ? 1 : 0));
    }

    /** Calls completed in some time; {@link #plus} adds rounds together. */
    private record Run(long calls, double seconds, long cpuNanos) {
        static final Run NONE = new Run(0, 0, 0);

        Run plus(Run other) {
            return new Run(calls + other.calls, seconds + other.seconds, cpuNanos + other.cpuNanos);
        }

        double rate() {
            return seconds == 0 ? 0 : calls / seconds;
        }

        /** CPU time of the whole process (both ends, and the broker for Parley) per call, in µs. */
        double cpuMicrosPerCall() {
            return calls == 0 ? 0 : cpuNanos / 1_000.0 / calls;
        }
    }

    /** CPU time this process has used so far (all threads), in ns. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Histogram latency(UnaryOperator<String> call, String payload, int count, Histogram nanos) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.apply(payload);
            nanos.recordValue(System.nanoTime() - start);
        }
        return nanos;
    }

    private static Run throughput(UnaryOperator<String> call, String payload, int callers, long millis) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    while (running.get()) {
                        call.apply(payload);
                        done.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "bench-rpc-caller-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(millis);
        long count = done.get();
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long cpuNanos = processCpuNanos() - cpuStart;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed", failure.get());
        }
        return new Run(count, elapsedSeconds, cpuNanos);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1_000.0;
    }

    private static String summary(Histogram nanos) {
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, max %.1f us (n=%d)", micros(nanos, 50), micros(nanos, 99),
                nanos.getMaxValue() / 1_000.0, nanos.getTotalCount());
    }

    private void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + value + " is out of range " + min + ".." + max);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
