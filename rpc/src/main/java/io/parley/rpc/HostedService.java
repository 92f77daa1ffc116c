package io.parley.rpc;

/**
 * A service a Parley node hosts: the node finds implementations of this interface with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.parley.rpc.HostedService} of a jar on the node's classpath) and
 * exports each on its RPC server when it runs the {@code rpc} service, with the node's broker and
 * metrics registry (so the service's per-method metrics appear on the node's {@code /metrics}).
 *
 * @param <T> the service interface
 */
public interface HostedService<T> {

    /** The service name callers use. */
    String name();

    /** The interface the service is exported by. */
    Class<T> serviceInterface();

    /** The implementation; called once when the node starts. */
    T implementation();
}
