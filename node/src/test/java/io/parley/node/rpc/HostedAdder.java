package io.parley.node.rpc;

import io.parley.rpc.HostedService;

/** A service the node finds through {@code META-INF/services/io.parley.rpc.HostedService} (test classpath). */
public final class HostedAdder implements HostedService<HostedAdder.Adder> {

    public interface Adder {
        long add(long a, long b);
    }

    @Override
    public String name() {
        return "adder";
    }

    @Override
    public Class<Adder> serviceInterface() {
        return Adder.class;
    }

    @Override
    public Adder implementation() {
        return (a, b) -> a + b;
    }
}
