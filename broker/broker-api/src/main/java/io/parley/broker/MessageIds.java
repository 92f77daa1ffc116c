package io.parley.broker;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh message ids, cheaply: 128 bits written like a UUID, the high 64 drawn once per process from
 * {@link SecureRandom} and the low 64 a counter starting at a random value. Ids never repeat within
 * a process; two processes share ids only if they drew the same 64-bit prefix. {@link UUID#randomUUID()}
 * costs a lock and a {@code SecureRandom} draw per id, which showed at tens of thousands of sends a
 * second. Ids are identifiers, not secrets: nothing may rely on them being unguessable. Message ids
 * come from here, and other ids that must be unique without being secret (RPC request ids). Thread-safe.
 */
public final class MessageIds {

    private static final SecureRandom SEED = new SecureRandom();
    private static final long PREFIX = SEED.nextLong();
    private static final AtomicLong NEXT = new AtomicLong(SEED.nextLong());

    private MessageIds() {
    }

    /** A fresh id, unique within this process and, with near certainty, across processes. */
    public static String next() {
        return new UUID(PREFIX, NEXT.getAndIncrement()).toString();
    }
}
