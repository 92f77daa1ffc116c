package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.Receiver;
import io.parley.broker.SendReceipt;
import io.parley.broker.SyncPoint;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.parley.broker.tck.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priorities 0..9 (higher first among messages queued together, FIFO within one priority) and
 * group keys (per-group FIFO, one message of a group at a time, under competing consumers) on
 * queues, and on a topic's durable subscription.
 */
@ConformanceSuite
public abstract class OrderingConformance {

    private TckEngine tck;
    private Broker broker;
    private String queue;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.queue = tck.name("order");
    }

    @Test
    @RequiresCapability(Capability.PRIORITIES)
    void shouldDeliverHigherPrioritiesFirstWhenQueuedTogether() {
        List<Integer> priorities = IntStream.rangeClosed(Message.MIN_PRIORITY, Message.MAX_PRIORITY).boxed().collect(Collectors.toList());
        Collections.shuffle(priorities, new Random(42));
        for (int priority : priorities) {
            broker.put(queue, Message.builder().text("p" + priority).priority(priority).build());
        }
        broker.put(queue, Message.builder().text("p5 later").priority(5).build());

        List<String> received = new ArrayList<>();
        try (Receiver receiver = broker.receiver(queue)) {
            for (int i = 0; i < priorities.size() + 1; i++) {
                Delivery delivery = receiver.receive(Waits.RECEIVE).orElseThrow();
                received.add(delivery.message().bodyAsText());
                delivery.ack();
            }
        }

        assertThat(received).containsExactly("p9", "p8", "p7", "p6", "p5", "p5 later", "p4", "p3", "p2", "p1", "p0");
    }

    @Test
    @RequiresCapability(Capability.MESSAGE_GROUPS)
    void shouldKeepPerGroupFifoOneAtATimeUnderCompetingConsumers() {
        int groups = 4;
        int perGroup = 25;
        GroupWatcher watcher = new GroupWatcher();
        broker.notify(queue, watcher, ConsumerOptions.DEFAULT.withConcurrency(3));
        tck.openBroker().notify(queue, watcher, ConsumerOptions.DEFAULT.withConcurrency(3));

        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            for (int group = 0; group < groups; group++) {
                Message message = Message.builder().text(Integer.toString(sequence)).groupKey("group-" + group).build();
                sends.add(broker.sendAsync(Destination.queue(queue), message, SyncPoint.STORED));
            }
        }
        assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))).succeedsWithin(Waits.EVENTUALLY);

        eventually().until(() -> watcher.handled() == groups * perGroup);
        List<Integer> inOrder = IntStream.range(0, perGroup).boxed().collect(Collectors.toList());
        for (int group = 0; group < groups; group++) {
            assertThat(watcher.sequence("group-" + group)).as("order of group-%d", group).isEqualTo(inOrder);
        }
        assertThat(watcher.overlaps()).as("messages of one group handled at the same time").isEmpty();
    }

    /**
     * Records, per group, the order messages were handled in and whether two of one group were
     * ever handled at once. Each call does a little simulated work of random length, so that an
     * engine that ignored groups would reorder or overlap them. Thread-safe.
     */
    @Test
    @RequiresCapability(Capability.KEYED_TOPICS)
    void shouldKeepPerKeyFifoOneAtATimeOnADurableSubscriptionUnderCompetingConsumers() {
        int groups = 4;
        int perGroup = 25;
        String topic = tck.name("keyed") + ".events";
        GroupWatcher watcher = new GroupWatcher();
        broker.subscribe(Destination.topic(topic), tck.name("keyed-subscription"), watcher, ConsumerOptions.DEFAULT.withConcurrency(2));

        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            for (int group = 0; group < groups; group++) {
                Message message = Message.builder().text(Integer.toString(sequence)).groupKey("key-" + group).build();
                sends.add(broker.sendAsync(Destination.topic(topic), message, SyncPoint.STORED));
            }
        }
        assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))).succeedsWithin(Waits.EVENTUALLY);

        eventually().until(() -> watcher.handled() >= groups * perGroup);
        List<Integer> inOrder = IntStream.range(0, perGroup).boxed().collect(Collectors.toList());
        for (int group = 0; group < groups; group++) {
            assertThat(watcher.sequence("key-" + group)).as("order of key-%d", group).isEqualTo(inOrder);
        }
        assertThat(watcher.overlaps()).isEmpty();
    }

    private static final class GroupWatcher implements MessageHandler {
        private final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
        private final List<String> overlaps = new CopyOnWriteArrayList<>();
        private final AtomicInteger handled = new AtomicInteger();
        private final Random work = new Random(7);

        @Override
        public void onMessage(Delivery delivery) {
            Message message = delivery.message();
            String group = message.groupKey().orElse("none");
            AtomicInteger running = inProgress.computeIfAbsent(group, g -> new AtomicInteger());
            if (running.incrementAndGet() > 1) {
                overlaps.add(group + " at " + message.bodyAsText());
            }
            try {
                sequences.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(message.bodyAsText()));
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(nextWorkMicros()));
            } finally {
                running.decrementAndGet();
                handled.incrementAndGet();
            }
        }

        private synchronized int nextWorkMicros() {
            return work.nextInt(2000);
        }

        int handled() {
            return handled.get();
        }

        List<Integer> sequence(String group) {
            return List.copyOf(sequences.getOrDefault(group, List.of()));
        }

        List<String> overlaps() {
            return List.copyOf(overlaps);
        }
    }
}
