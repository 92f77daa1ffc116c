package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Delivery;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.Receiver;
import io.parley.broker.SendReceipt;
import io.parley.broker.SyncPoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.parley.broker.tck.Waits.eventually;
import static io.parley.broker.tck.Waits.throughout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@code send} returns: SUBMITTED (handed over), STORED (the engine holds it), DELIVERED
 * (a receiver took it) and PROCESSED (a receiver finished with it). The tight sync points are
 * checked by holding the receiver back and watching the send stay unfinished until it moves.
 * A send still waiting for its sync point completes, one way or the other, when its broker closes.
 */
@ConformanceSuite
public abstract class SyncPointConformance {

    private TckEngine tck;
    private Broker sender;
    private Broker receiver;
    private Destination.Queue queue;

    @BeforeEach
    void openBrokers(TckEngine tck) {
        this.tck = tck;
        this.sender = tck.openBroker();
        this.receiver = tck.openBroker();
        this.queue = Destination.queue(tck.name("sync"));
        sender.declareQueue(queue.name(), QueueOptions.DEFAULT);
    }

    @Test
    void shouldReturnAtSubmittedAndStillDeliverTheMessage() {
        Message sent = Message.text("fire and forget");

        SendReceipt receipt = sender.send(queue, sent, SyncPoint.SUBMITTED);

        assertThat(receipt).isEqualTo(new SendReceipt(sent.id(), SyncPoint.SUBMITTED));
        assertThat(receiver.get(queue.name(), Waits.RECEIVE)).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(sent.id()));
    }

    @Test
    void shouldHoldTheMessageInTheEngineWhenSendReturnsAtStored() {
        Message sent = Message.text("stored");

        SendReceipt receipt = sender.send(queue, sent, SyncPoint.STORED);

        assertThat(receipt).isEqualTo(new SendReceipt(sent.id(), SyncPoint.STORED));
        assertThat(receiver.poll(queue.name())).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(sent.id()));
    }

    @Test
    void shouldCompletePipelinedAsyncSendsAtStoredInSendOrder() {
        List<String> bodies = IntStream.range(0, 50).mapToObj(i -> "pipelined " + i).collect(Collectors.toList());
        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();

        for (String body : bodies) {
            sends.add(sender.sendAsync(queue, Message.text(body), SyncPoint.STORED));
        }

        assertThat(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))).succeedsWithin(Waits.EVENTUALLY);
        assertThat(sends).allSatisfy(send -> assertThat(send.join().syncPoint()).isEqualTo(SyncPoint.STORED));
        List<String> received = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            received.add(receiver.poll(queue.name()).orElseThrow().bodyAsText());
        }
        assertThat(received).isEqualTo(bodies);
    }

    @Test
    void shouldNotReturnAtDeliveredUntilAReceiverHasTakenTheMessage() {
        Message sent = Message.text("hand it over");
        CompletableFuture<SendReceipt> send = CompletableFuture.supplyAsync(() -> sender.send(queue, sent, SyncPoint.DELIVERED));

        throughout().until(() -> !send.isDone());
        try (Receiver taker = receiver.receiver(queue.name())) {
            Delivery delivery = taker.receive(Waits.RECEIVE).orElseThrow();

            assertThat(send).succeedsWithin(Waits.EVENTUALLY).isEqualTo(new SendReceipt(sent.id(), SyncPoint.DELIVERED));
            delivery.ack();
        }
    }

    @Test
    void shouldNotReturnAtProcessedUntilTheHandlerHasFinished() throws InterruptedException {
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        receiver.notify(queue.name(), delivery -> {
            started.set(true);
            try {
                assertThat(mayFinish.await(Waits.EVENTUALLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                finished.set(true);
            }
        }, ConsumerOptions.DEFAULT);
        Message sent = Message.text("work on it");

        CompletableFuture<Boolean> finishedWhenSendReturned = CompletableFuture.supplyAsync(() -> {
            sender.send(queue, sent, SyncPoint.PROCESSED);
            return finished.get();
        });
        try {
            eventually().untilTrue(started);
            throughout().until(() -> !finishedWhenSendReturned.isDone());
        } finally {
            mayFinish.countDown();
        }

        assertThat(finishedWhenSendReturned).succeedsWithin(Waits.EVENTUALLY).isEqualTo(true);
    }

    @Test
    void shouldNotCompleteAnAsyncSendAtProcessedUntilAnAtMostOnceHandlerHasFinished() throws InterruptedException {
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean entered = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        receiver.notify(queue.name(), delivery -> {
            entered.set(true);
            try {
                assertThat(mayFinish.await(Waits.EVENTUALLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                finished.set(true);
            }
        }, ConsumerOptions.of(DeliveryGuarantee.AT_MOST_ONCE));
        Message sent = Message.text("acknowledged before it is handled");

        CompletableFuture<SendReceipt> send = sender.sendAsync(queue, sent, SyncPoint.PROCESSED);
        CompletableFuture<Boolean> finishedWhenSendCompleted = send.thenApply(receipt -> finished.get());
        try {
            eventually().untilTrue(entered);
            throughout().until(() -> !send.isDone());
        } finally {
            mayFinish.countDown();
        }

        assertThat(send).succeedsWithin(Waits.EVENTUALLY).isEqualTo(new SendReceipt(sent.id(), SyncPoint.PROCESSED));
        assertThat(finishedWhenSendCompleted).succeedsWithin(Waits.EVENTUALLY).isEqualTo(true);
    }

    @Test
    void shouldCompleteAnAsyncSendStillWaitingForProcessedWhenTheSendersBrokerCloses() {
        CompletableFuture<SendReceipt> send = sender.sendAsync(queue, Message.text("nobody takes it"), SyncPoint.PROCESSED);
        eventually().untilAsserted(() -> assertThat(receiver.queues()).filteredOn(q -> q.name().equals(queue.name()))
                .singleElement().satisfies(q -> assertThat(q.depth()).isEqualTo(1)));
        assertThat(send).isNotDone();

        sender.close();

        Awaitility.await().atMost(Waits.RECEIVE).pollInterval(Duration.ofMillis(10)).until(send::isDone);
    }

    @Test
    void shouldCompleteAnAsyncSendAtProcessedOnlyWhenTheReceiverAcknowledges() {
        Message sent = Message.text("ack me");
        CompletableFuture<SendReceipt> send = sender.sendAsync(queue, sent, SyncPoint.PROCESSED);

        try (Receiver taker = receiver.receiver(queue.name())) {
            Delivery delivery = taker.receive(Waits.RECEIVE).orElseThrow();
            throughout().until(() -> !send.isDone());
            delivery.ack();
        }

        assertThat(send).succeedsWithin(Waits.EVENTUALLY).isEqualTo(new SendReceipt(sent.id(), SyncPoint.PROCESSED));
    }
}
