package io.parley.broker.core;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class ReplyDispatcherTest {

    private final FakeEngine engine = new FakeEngine();

    @Test
    void shouldRefuseToWaitForRepliesAfterClose() {
        ReplyDispatcher replies = new ReplyDispatcher(engine, "parley.replies.test.a", m -> { });
        replies.close();

        assertThatThrownBy(() -> replies.expect("request-1"))
                .isInstanceOf(BrokerClosedException.class)
                .hasMessageContaining("parley.replies.test.a");
        assertThat(engine.sessionsOpened).hasValue(0);
    }

    @Test
    void shouldReportAReaderThatCannotAttachAndStartAgainOnTheNextRequest() {
        ReplyDispatcher replies = new ReplyDispatcher(engine, "parley.replies.test.b", m -> { });
        engine.consumerFailure = new BrokerUnavailableException("engine restarting");

        assertThatThrownBy(() -> replies.expect("request-1"))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("engine restarting");

        engine.consumerFailure = null;
        assertThat(replies.expect("request-2")).isNotDone();
        assertThat(engine.sessionsOpened).hasValue(2);
        replies.close();
    }

    @Test
    void shouldLeaveAReaderThatCannotAttachToTheRequestsItWaitsFor() {
        ReplyDispatcher replies = new ReplyDispatcher(engine, "parley.replies.test.c", m -> { });
        engine.consumerFailure = new BrokerUnavailableException("engine restarting");
        AtomicInteger sent = new AtomicInteger();

        // the requests run and meet the failure where they expect their replies (an RPC call retries there)
        assertThatThrownBy(() -> replies.await(() -> {
            sent.incrementAndGet();
            return replies.expect("request-1");
        }, TimeUnit.SECONDS.toNanos(5)))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("engine restarting");
        assertThat(sent).hasValue(1);
        replies.close();
    }
}
