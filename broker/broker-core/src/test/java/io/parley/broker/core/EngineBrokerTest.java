package io.parley.broker.core;

import io.parley.broker.Broker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.BrokerUnavailableException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.Message;
import io.parley.broker.SendReceipt;
import io.parley.broker.StoreFullException;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The broker client's own behaviour over {@link FakeEngine}: failure paths an engine cannot easily provoke. */
@Timeout(30)
class EngineBrokerTest {

    @TempDir
    Path dir;

    private final FakeEngine engine = new FakeEngine();
    private Broker broker;

    @BeforeEach
    void open() {
        broker = Brokers.open(engine, BrokerConfig.builder().clientId("test").stateDirectory(dir)
                .sendTimeout(Duration.ofSeconds(60)).build());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void shouldFailASendThatIsRetryingWhenTheClientCloses() {
        engine.sendFailure = new BrokerUnavailableException("engine restarting");
        CompletableFuture<SendReceipt> send = broker.sendAsync(Destination.queue("orders"), Message.text("one"), SyncPoint.STORED);

        broker.close();

        await().atMost(Duration.ofSeconds(10)).until(send::isDone);
        assertThatThrownBy(send::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(BrokerClosedException.class);
    }

    @Test
    void shouldRetryASendWhoseConfirmationNeverComesThenFailItAtTheSendTimeout() {
        engine.sendsUnconfirmed = true;
        try (Broker impatient = Brokers.open(engine, BrokerConfig.builder().clientId("impatient").stateDirectory(dir.resolve("impatient"))
                .sendTimeout(Duration.ofMillis(900)).build())) {
            long started = System.nanoTime();
            CompletableFuture<SendReceipt> send = impatient.sendAsync(Destination.queue("orders"), Message.text("one"), SyncPoint.STORED);

            await().atMost(Duration.ofSeconds(10)).until(send::isDone);
            assertThatThrownBy(send::join).hasCauseInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("not confirmed as STORED in time (sendTimeout 900 ms)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
            // the first attempt timed out after a third of the send timeout, and was retried
            assertThat(engine.events.stream().filter(e -> e.startsWith("send:orders:")).count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldThrowFromNotifyWhenTheConsumerCannotAttach() {
        engine.consumerFailure = new InvalidDestinationException("selector 'region = ' is invalid");

        assertThatThrownBy(() -> broker.notify("orders", d -> { }, ConsumerOptions.DEFAULT))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessage("selector 'region = ' is invalid");
    }

    @Test
    void shouldReportProcessedToAnAtMostOnceSenderOnlyAfterTheHandlerReturns() throws InterruptedException {
        engine.queue("orders").add(Message.builder().text("one")
                .rawHeader(BrokerHeaders.SYNC_POINT, SyncPoint.PROCESSED.name())
                .rawHeader(BrokerHeaders.SYNC_NOTIFY, "notices").build());
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);

        try (Subscription ignored = broker.notify("orders", d -> {
            handling.countDown();
            finish.await();
        }, ConsumerOptions.of(DeliveryGuarantee.AT_MOST_ONCE))) {
            try {
                assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(engine.events).anyMatch(e -> e.startsWith("ack:"));
                assertThat(engine.queue("notices")).isEmpty();
            } finally {
                finish.countDown();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> !engine.queue("notices").isEmpty());
            assertThat(engine.queue("notices").peek().header(BrokerHeaders.SYNC_NOTICE)).contains(SyncPoint.PROCESSED.name());
        }
    }

    @Test
    void shouldNotHandleTwoCopiesOfOneMessageAtOnceUnderEffectivelyOnce() throws InterruptedException {
        Message message = Message.text("one");
        engine.queue("orders").add(message);
        engine.queue("orders").add(message);
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        broker.close();
        broker = Brokers.open(engine, BrokerConfig.builder().clientId("test").stateDirectory(dir).meterRegistry(meters).build());

        try (Subscription ignored = broker.notify("orders", d -> {
            handled.incrementAndGet();
            finish.await();
        }, ConsumerOptions.of(DeliveryGuarantee.EFFECTIVELY_ONCE).withConcurrency(2))) {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> meters.counter("parley.broker.received", "destination", "orders").count() == 2);
            } finally {
                finish.countDown();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.events.stream().filter(e -> e.startsWith("ack:")).count() == 2);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void shouldRollBackAndRethrowTheEngineFailureOfATransactionalSend() {
        engine.sendFailure = new StoreFullException("store full: disk usage 95% exceeds max-disk-usage 90%");

        assertThatThrownBy(() -> broker.inTransaction(tx -> {
            tx.send(Destination.queue("out"), Message.text("one"));
            return null;
        })).isInstanceOf(StoreFullException.class).hasMessageContaining("store full");
        assertThat(engine.events).contains("rollback");
    }

    @Test
    void shouldKeepTheWorksFailureWhenRollbackFailsToo() {
        engine.rollbackFailure = new BrokerUnavailableException("connection lost");

        assertThatThrownBy(() -> broker.inTransaction(tx -> {
            throw new IllegalStateException("order 42 has no lines");
        })).isInstanceOf(IllegalStateException.class).hasMessage("order 42 has no lines")
                .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s).hasMessage("connection lost")));
    }
}
