package io.parley.rpc;

import java.util.List;

/** The test service: records entries and says how often each has been recorded. */
public interface Ledger {

    /** At-most-once: records {@code entry}; returns how often it has been recorded. */
    int record(String entry);

    @Idempotent
    int recordIdempotent(String entry);

    @OneWay
    void note(String entry);

    @OneWay
    @Idempotent
    void noteIdempotent(String entry);

    /** Blocks until interrupted or {@code millis} pass; returns how long it slept. */
    @Idempotent
    long sleep(long millis) throws InterruptedException;

    /** Blocks {@code millis}, then records {@code entry} (at-most-once). */
    int slowRecord(String entry, long millis) throws InterruptedException;

    List<String> entries();
}
