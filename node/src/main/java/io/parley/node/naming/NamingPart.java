package io.parley.node.naming;

import io.parley.naming.server.NamingService;
import io.parley.node.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the naming service inside a node: a name server (zones, resolution, cache, replicas,
 * watches, storage) whose resources join the node's Jersey application under {@code /v1/names},
 * {@code /v1/resolve}, {@code /v1/zones}, {@code /v1/watch} and {@code /v1/cache}. The node owns the
 * returned part and closes it when it stops.
 */
public final class NamingPart {

    private static final Logger LOG = LoggerFactory.getLogger(NamingPart.class);

    private NamingPart() {
    }

    public static AutoCloseable start(NodeContext context) {
        NamingService service = NamingService.start(context.config().naming().serverConfig(context.config().dataDirectory()),
                context.registry());
        service.register(context.application());
        LOG.info("naming: zones {} roots {} secondary of {}", service.config().zones(), service.config().roots(),
                service.config().secondaryOf());
        return service;
    }
}
