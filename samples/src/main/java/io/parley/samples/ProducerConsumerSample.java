package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/**
 * Producer/consumer over a persistent queue: a producer PUTs orders for three customers (each
 * customer's orders share a group key), two competing consumers take them AT_LEAST_ONCE, and each
 * customer's orders still arrive in the order they were placed.
 */
@Command(name = "producer-consumer", description = "Persistent queue, competing consumers, per-customer FIFO")
final class ProducerConsumerSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Option(names = "--orders", defaultValue = "30", description = "Orders to place (default ${DEFAULT-VALUE})")
    int orders;

    @Override
    public Integer call() throws Exception {
        List<String> customers = List.of("alice", "bob", "carol");
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(orders);
        try (SampleEnvironment env = environment; Broker broker = env.open("producer-consumer")) {
            ConsumerOptions options = ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(2);
            try (Subscription consumers = broker.notify("orders", delivery -> {
                Message order = delivery.message();
                String customer = order.groupKey().orElseThrow();
                seen.computeIfAbsent(customer, c -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(order.bodyAsText()));
                System.out.printf("  %-28s took order %3s of %s%n", Thread.currentThread().getName(), order.bodyAsText(), customer);
                done.countDown();
            }, options)) {
                for (int i = 1; i <= orders; i++) {
                    String customer = customers.get(i % customers.size());
                    broker.put("orders", Message.builder().text(Integer.toString(i)).groupKey(customer).build());
                }
                System.out.println("put " + orders + " orders (each returned once the order was stored durably)");
                if (!done.await(30, TimeUnit.SECONDS)) {
                    System.out.println("only " + (orders - done.getCount()) + " of " + orders + " orders arrived in 30 s");
                    return 1;
                }
            }
        }
        seen.forEach((customer, list) -> System.out.println(customer + " received in order: " + list));
        boolean fifo = seen.values().stream().allMatch(list -> list.stream().sorted().toList().equals(list));
        System.out.println(fifo ? "every customer's orders arrived in FIFO order" : "ORDER VIOLATED");
        return fifo ? 0 : 1;
    }
}
