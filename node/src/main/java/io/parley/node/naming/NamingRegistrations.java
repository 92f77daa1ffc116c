package io.parley.node.naming;

import io.parley.common.ParleyException;
import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.ResolutionMode;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.node.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the names of a node's services in the naming service once the node's HTTP server
 * listens: every {@link NamingEntry} of the node's {@link NamingAdvertised} parts (the RPC services
 * at {@code /services/<name>}, the coordinator at {@code /transactions/coordinators/<node id>}) is
 * bound through the node's own name server, which answers for its zones and refers the write to the
 * configured {@code --root} for the rest; the write lands at the zone's primary. Each record carries
 * the attributes {@code node} (this node's HTTP URL) and {@code messaging} (its messaging URL).
 *
 * <p>The names are bound before the node reports ready. Only a node that runs the naming service
 * publishes. A name that cannot be bound is logged as a warning naming it and the reason (once a
 * name server proved unavailable the remaining names are not tried, so a dead root delays start by
 * one request timeout at most); the node serves anyway (its services are still reached by the
 * conventional queue names). On a clean stop each bound name is removed again, unless another node
 * has bound it since (its {@code node} attribute names someone else). A crashed node's names stay
 * until it binds them again at its next start.
 *
 * <p>Owned by the node, which closes it before its HTTP server stops. Not thread-safe; used at start
 * and stop only.
 */
public final class NamingRegistrations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamingRegistrations.class);
    static final String NODE_ATTRIBUTE = "node";
    static final String MESSAGING_ATTRIBUTE = "messaging";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Resolver resolver;
    private final String nodeUrl;
    private final List<Name> bound = new ArrayList<>();

    private NamingRegistrations(Resolver resolver, String nodeUrl) {
        this.resolver = resolver;
        this.nodeUrl = nodeUrl;
    }

    /**
     * Binds the entries of every {@link NamingAdvertised} among {@code parts}; a node without the
     * naming service publishes nothing.
     */
    public static AutoCloseable start(NodeConfig config, String httpUrl, String messagingUrl, Iterable<AutoCloseable> parts) {
        List<NamingEntry> entries = new ArrayList<>();
        for (AutoCloseable part : parts) {
            if (part instanceof NamingAdvertised advertised) {
                entries.addAll(advertised.namingEntries());
            }
        }
        if (!config.services().contains(NodeConfig.Service.NAMING) || entries.isEmpty()) {
            return () -> { };
        }
        NamingRegistrations registrations = new NamingRegistrations(new Resolver(ResolverConfig.builder().roots(httpUrl)
                .mode(ResolutionMode.RECURSIVE).requestTimeout(REQUEST_TIMEOUT).build()), httpUrl);
        Map<String, String> attributes = Map.of(NODE_ATTRIBUTE, httpUrl, MESSAGING_ATTRIBUTE, messagingUrl);
        String unavailable = null;
        for (NamingEntry entry : entries) {
            if (unavailable != null) {
                warn(entry, unavailable);
                continue;
            }
            unavailable = registrations.bind(entry, attributes);
        }
        return registrations;
    }

    /** Binds {@code entry}; answers null, or the reason when a name server was unavailable (the rest are not tried). */
    private String bind(NamingEntry entry, Map<String, String> attributes) {
        try {
            resolver.bind(entry.name(), new NameRecord(entry.type(), List.of(entry.queue()), entry.ttlMs(), attributes));
            bound.add(entry.name());
            LOG.info("naming: bound {} ({} at queue {}, ttl {} ms)", entry.name(), entry.type().wireName(), entry.queue(), entry.ttlMs());
            return null;
        } catch (ParleyException e) {
            warn(entry, e.getMessage());
            return e.isRetriable() ? e.getMessage() : null;
        }
    }

    private static void warn(NamingEntry entry, String reason) {
        LOG.warn("naming: cannot bind {} ({} at queue {}): {}; the node serves without it", entry.name(),
                entry.type().wireName(), entry.queue(), reason);
    }

    /** Removes the names bound at start that still name this node. */
    @Override
    public void close() {
        resolver.clearCache();
        for (Name name : bound) {
            try {
                Answer answer = resolver.lookup(name, ResolutionMode.RECURSIVE).answer();
                String owner = answer.record().attributes().get(NODE_ATTRIBUTE);
                if (!nodeUrl.equals(owner)) {
                    LOG.info("naming: leaving {} bound; node {} has bound it since", name, owner);
                    continue;
                }
                resolver.unbind(name);
                LOG.info("naming: unbound {}", name);
            } catch (ParleyException e) {
                LOG.warn("naming: cannot unbind {}: {}", name, e.getMessage());
            }
        }
        resolver.close();
    }
}
