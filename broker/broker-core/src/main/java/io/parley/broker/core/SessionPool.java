package io.parley.broker.core;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.spi.EngineSession;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * Non-transacted engine sessions for sending, lent to one thread at a time. A session that throws
 * is closed rather than returned, so a broken session is never reused. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    private final Engine engine;
    private final ConcurrentLinkedDeque<EngineSession> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    SessionPool(Engine engine) {
        this.engine = engine;
    }

    <T> T withSession(Function<EngineSession, T> work) {
        if (closed) {
            throw new BrokerClosedException("broker client is closed");
        }
        EngineSession session = idle.pollFirst();
        if (session == null) {
            session = engine.openSession(SessionMode.FAST_ACKS);
        }
        T result;
        try {
            result = work.apply(session);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        idle.offerFirst(session);
        if (closed) {
            drain();
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        EngineSession session;
        while ((session = idle.pollFirst()) != null) {
            closeQuietly(session);
        }
    }

    private static void closeQuietly(EngineSession session) {
        try {
            session.close();
        } catch (RuntimeException ignored) {
            // the session is being discarded; its failure was already reported to the caller
        }
    }
}
