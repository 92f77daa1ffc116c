package io.parley.coordinator.participant;

import io.parley.common.ErrorCode;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link ParticipantEndpoint}, validated in one place. Immutable.
 *
 * @param participant             the name and queue of the participant
 * @param logFile                 the durable participant log
 * @param decisionRequestInterval how long a READY transaction waits for a decision before (and between) DECISION_REQUESTs
 * @param registerTimeout         how long enlisting waits for the coordinator's REGISTERED
 * @param concurrency             consumer threads on the participant's queue
 */
public record ParticipantConfig(ParticipantRef participant, Path logFile, Duration decisionRequestInterval,
                                Duration registerTimeout, int concurrency) {

    public static final Duration DEFAULT_DECISION_REQUEST_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REGISTER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 256;

    public ParticipantConfig {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(logFile, "logFile");
        positive("decisionRequestInterval", decisionRequestInterval);
        positive("registerTimeout", registerTimeout);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "concurrency " + concurrency + " is outside 1.." + MAX_CONCURRENCY);
        }
    }

    public static ParticipantConfig of(ParticipantRef participant, Path logFile) {
        return new ParticipantConfig(participant, logFile, DEFAULT_DECISION_REQUEST_INTERVAL, DEFAULT_REGISTER_TIMEOUT, DEFAULT_CONCURRENCY);
    }

    public ParticipantConfig withDecisionRequestInterval(Duration interval) {
        return new ParticipantConfig(participant, logFile, interval, registerTimeout, concurrency);
    }

    public ParticipantConfig withConcurrency(int newConcurrency) {
        return new ParticipantConfig(participant, logFile, decisionRequestInterval, registerTimeout, newConcurrency);
    }

    private static void positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isZero() || value.isNegative()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, key + " " + value + " must be positive");
        }
    }
}
