package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcException;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import io.parley.rpc.RpcStatus;
import io.parley.rpc.Ticket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.IntStream;

/**
 * A calculator called in all four modes: synchronous {@code add}, asynchronous additions in
 * parallel, a deferred-synchronous {@code factorial} collected with a ticket, and one-way
 * {@code remember} followed by {@code recall}. Division by zero comes back as INVALID_ARGUMENT.
 */
@Command(name = "calculator", description = "RPC: a calculator called synchronously, asynchronously, deferred and one-way")
final class CalculatorSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Option(names = "--serve", description = "Keep serving after the demonstration, until stopped (Ctrl-C)")
    boolean serve;

    /** The service's implementation. Thread-safe. */
    static final class SimpleCalculator implements Calculator {
        private final DoubleAdder memory = new DoubleAdder();

        @Override
        public double add(double a, double b) {
            return a + b;
        }

        @Override
        public double divide(double a, double b) {
            if (b == 0) {
                throw new RpcException(RpcStatus.INVALID_ARGUMENT, "divide(" + a + ", " + b + "): division by zero");
            }
            return a / b;
        }

        @Override
        public BigInteger factorial(int n) {
            if (n < 0 || n > 10_000) {
                throw new RpcException(RpcStatus.INVALID_ARGUMENT, "factorial(" + n + "): n must be in 0..10000");
            }
            return IntStream.rangeClosed(2, n).mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
        }

        @Override
        public void remember(double value) {
            memory.add(value);
        }

        @Override
        public double recall() {
            return memory.sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path state = Files.createTempDirectory("parley-calculator-");
        try (SampleEnvironment env = environment;
             Broker serverBroker = env.open("calculator-server");
             Broker clientBroker = env.open("calculator-client");
             // one worker: requests run in queue order, so recall() runs after the one-way remember()s stored before it
             RpcServer server = RpcServer.builder(serverBroker).config(RpcServerConfig.builder().stateDirectory(state).workers(1).build()).build();
             RpcClient client = RpcClient.builder(clientBroker).build()) {
            server.export("calculator", Calculator.class, new SimpleCalculator());
            Calculator calculator = client.stub(Calculator.class, "calculator");

            System.out.println("sync     add(1.5, 2.25)   = " + calculator.add(1.5, 2.25));
            try {
                calculator.divide(1, 0);
            } catch (RpcException e) {
                System.out.println("sync     divide(1, 0)     -> " + e.status() + ": " + e.getMessage());
            }

            CalculatorViews.Async async = client.stub(CalculatorViews.Async.class, "calculator");
            List<CompletableFuture<Double>> sums = IntStream.range(0, 5).mapToObj(i -> async.add(i, i * 10)).toList();
            System.out.println("async    add(i, 10i), i<5 = " + sums.stream().map(CompletableFuture::join).toList());

            Ticket<BigInteger> ticket = client.stub(CalculatorViews.Deferred.class, "calculator").factorial(30);
            System.out.println("deferred factorial(30)    -> ticket " + ticket);
            System.out.println("deferred collected        = " + ticket.await(Duration.ofSeconds(30)).orElseThrow());

            calculator.remember(40);
            calculator.remember(2);
            System.out.println("one-way  remember(40), remember(2); recall() = " + calculator.recall());
            if (serve) {
                System.out.println("serving until stopped; try: ./parley call calculator add '[1, 2]'"
                        + (env.messagingUrl != null ? " --messaging " + env.messagingUrl : ""));
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }
}
