package io.parley.samples;

import io.parley.rpc.Idempotent;
import io.parley.rpc.OneWay;

import java.math.BigInteger;

/** The calculator sample's service: pure functions (idempotent) and a memory (at-most-once, one-way). */
public interface Calculator {

    @Idempotent
    double add(double a, double b);

    @Idempotent
    double divide(double a, double b);

    @Idempotent
    BigInteger factorial(int n);

    /** Adds {@code value} to the memory; one-way: returns once the request is stored. */
    @OneWay
    void remember(double value);

    /** The memory's sum. */
    double recall();
}
