package io.parley.broker;

import java.util.Objects;

/**
 * How a handler consumes: its delivery guarantee, how many messages it handles at once, and an
 * optional selector ({@code region = 'eu' AND tier IN ('gold', 'silver')}, SQL-92 syntax over
 * headers) — the selector needs the engine's {@code SELECTORS} capability. Header values are
 * strings, so selectors compare strings: {@code amount > 100} matches nothing.
 */
public record ConsumerOptions(DeliveryGuarantee guarantee, int concurrency, String selector) {

    public static final ConsumerOptions DEFAULT = new ConsumerOptions(DeliveryGuarantee.AT_LEAST_ONCE, 1, null);

    public ConsumerOptions {
        Objects.requireNonNull(guarantee, "guarantee");
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency " + concurrency + " is out of range 1..256");
        }
    }

    public static ConsumerOptions of(DeliveryGuarantee guarantee) {
        return DEFAULT.withGuarantee(guarantee);
    }

    public ConsumerOptions withGuarantee(DeliveryGuarantee guarantee) {
        return new ConsumerOptions(guarantee, concurrency, selector);
    }

    public ConsumerOptions withConcurrency(int concurrency) {
        return new ConsumerOptions(guarantee, concurrency, selector);
    }

    public ConsumerOptions withSelector(String selector) {
        return new ConsumerOptions(guarantee, concurrency, selector);
    }
}
