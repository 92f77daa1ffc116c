package io.parley.bench;

import java.util.Random;

/** Message bodies for the scenarios: {@code size} pseudo-random bytes, the same in every run. Stateless. */
final class Payloads {

    private static final long SEED = 20_240_601L;

    private Payloads() {
    }

    static byte[] of(int size) {
        byte[] body = new byte[size];
        new Random(SEED).nextBytes(body);
        return body;
    }
}
