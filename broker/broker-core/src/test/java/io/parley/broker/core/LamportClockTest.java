package io.parley.broker.core;

import io.parley.broker.LamportTimestamp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LamportClockTest {

    @Test
    void shouldIncreaseOnEveryTick() {
        LamportClock clock = new LamportClock("a");
        assertThat(clock.tick()).isEqualTo(new LamportTimestamp(1, "a"));
        assertThat(clock.tick()).isEqualTo(new LamportTimestamp(2, "a"));
    }

    @Test
    void shouldMovePastAWitnessedTimestamp() {
        LamportClock clock = new LamportClock("a");
        clock.tick();
        assertThat(clock.witness(new LamportTimestamp(10, "b"))).isEqualTo(new LamportTimestamp(11, "a"));
        assertThat(clock.tick().time()).isEqualTo(12);
    }

    @Test
    void shouldNotGoBackWhenWitnessingAnOlderTimestamp() {
        LamportClock clock = new LamportClock("a");
        for (int i = 0; i < 5; i++) {
            clock.tick();
        }
        assertThat(clock.witness(new LamportTimestamp(2, "b")).time()).isEqualTo(6);
    }

    @Test
    void sendBeforeReceiveShouldOrderBeforeTheReceiversNextSend() {
        LamportClock sender = new LamportClock("z");
        LamportClock receiver = new LamportClock("a");
        LamportTimestamp sent = sender.tick();
        receiver.witness(sent);
        assertThat(receiver.tick()).isGreaterThan(sent);
    }
}
