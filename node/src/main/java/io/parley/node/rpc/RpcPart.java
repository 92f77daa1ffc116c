package io.parley.node.rpc;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.RecordType;
import io.parley.node.NodeContext;
import io.parley.node.naming.NamingAdvertised;
import io.parley.node.naming.NamingEntry;
import io.parley.rpc.HostedService;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import io.parley.rpc.StaticEndpointResolver;
import io.parley.rpc.naming.NamingEndpointResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Starts the {@code rpc} service inside a node: an RPC server over the node's broker client, its
 * executed-request table under {@code <data>/rpc}, its per-method metrics in the node's registry
 * (served on {@code /metrics}). It exports the built-in {@link Echo} service and every
 * {@link HostedService} on the classpath, and names each of them for the naming service
 * ({@code /services/<name>}, dots as levels, type {@code service}, address its request queue, TTL
 * 30 s; see {@link io.parley.node.naming.NamingRegistrations}). The node owns the returned part; closing it drains the
 * calls in progress.
 */
public final class RpcPart {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPart.class);
    /** How long resolvers may cache a service's name: a service moved to another queue is found within this. */
    static final long SERVICE_TTL_MS = 30_000;

    private RpcPart() {
    }

    public static AutoCloseable start(NodeContext context) {
        var broker = context.broker().orElseThrow(() -> new ParleyException(ErrorCode.INVALID_ARGUMENT,
                "service rpc needs the broker: services " + context.config().services() + " do not include it"));
        RpcServer server = RpcServer.builder(broker)
                .meterRegistry(context.registry())
                .config(RpcServerConfig.builder().stateDirectory(context.config().dataDirectory().resolve("rpc")).build())
                .build();
        try {
            server.export(Echo.NAME, Echo.class, new Echo() {
                @Override
                public String echo(String text) {
                    return text;
                }

                @Override
                public Instant time() {
                    return Instant.now();
                }
            });
            List<String> names = new ArrayList<>(List.of(Echo.NAME));
            for (HostedService<?> hosted : ServiceLoader.load(HostedService.class)) {
                export(server, hosted);
                names.add(hosted.name());
            }
            LOG.info("rpc: serving {}", names);
            return NamingAdvertised.of(server, names.stream().map(name -> new NamingEntry(NamingEndpointResolver.serviceName(name), RecordType.SERVICE,
                    StaticEndpointResolver.conventionalQueue(name), SERVICE_TTL_MS)).toList());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static <T> void export(RpcServer server, HostedService<T> hosted) {
        server.export(hosted.name(), hosted.serviceInterface(), hosted.implementation());
    }
}
