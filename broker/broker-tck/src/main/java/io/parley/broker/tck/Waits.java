package io.parley.broker.tck;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/** The deadlines conformance tests wait with. Constants only. */
final class Waits {

    /** How long a test waits for something that must happen. */
    static final Duration EVENTUALLY = Duration.ofSeconds(15);

    /** How long a blocking receive waits for a message that must arrive. */
    static final Duration RECEIVE = Duration.ofSeconds(10);

    /** How long a test watches for something that must not happen (a redelivery, a stray message). */
    static final Duration QUIET = Duration.ofMillis(500);

    private Waits() {
    }

    /** Waits up to {@link #EVENTUALLY}, checking every 10 ms. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(10));
    }

    /** Checks that a condition holds for all of {@link #QUIET} (and fails at once when it does not). */
    static ConditionFactory throughout() {
        return Awaitility.await().during(QUIET).atMost(QUIET.plusSeconds(5)).pollInterval(Duration.ofMillis(20));
    }
}
