package io.parley.rpc.naming;

import io.parley.common.ParleyException;
import io.parley.naming.Answer;
import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.NameNotFoundException;
import io.parley.naming.RecordType;
import io.parley.naming.Resolver;
import io.parley.rpc.Endpoint;
import io.parley.rpc.EndpointResolver;
import io.parley.rpc.RpcException;
import io.parley.rpc.RpcStatus;

import java.util.Objects;

/**
 * An {@link EndpointResolver} backed by the naming service: service {@code billing} is the name
 * {@code <base>/billing} (dots in a service name are levels: {@code orders.eu} is
 * {@code <base>/orders/eu}), whose {@code service} or {@code queue} record's first address is the
 * request queue ({@code rpc.billing}, or {@code queue:rpc.billing}). Lookups go through the
 * {@link Resolver}'s cache and TTLs, so a moved service is found again once its TTL passes (or at once
 * for a resolver watching the base path).
 *
 * <p>Thread-safe; the resolver is shared and owned by the caller.
 */
public final class NamingEndpointResolver implements EndpointResolver {

    private static final String QUEUE_PREFIX = "queue:";
    private static final Name DEFAULT_BASE = Name.parse("/services");

    private final Resolver resolver;
    private final Name base;

    public NamingEndpointResolver(Resolver resolver, String basePath) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.base = Name.parse(basePath);
    }

    /** Services under {@code /services}. */
    public static NamingEndpointResolver of(Resolver resolver) {
        return new NamingEndpointResolver(resolver, DEFAULT_BASE.toString());
    }

    /** The name service {@code service} is bound under in the default base {@code /services}. */
    public static Name serviceName(String service) {
        return nameOf(DEFAULT_BASE, service);
    }

    /** The name a service is bound under. */
    public Name nameOf(String service) {
        return nameOf(base, service);
    }

    private static Name nameOf(Name base, String service) {
        if (service == null || service.isEmpty()) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "service name '" + service + "' is empty");
        }
        try {
            Name name = base;
            for (String level : service.split("\\.", -1)) {
                name = name.child(level);
            }
            return name;
        } catch (InvalidNameException e) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "service name '" + service + "' has no name in the naming service: "
                    + e.getMessage());
        }
    }

    @Override
    public Endpoint resolve(String service) {
        Name name = nameOf(service);
        Answer answer;
        try {
            answer = resolver.lookup(name, resolver.config().mode()).answer();
        } catch (NameNotFoundException e) {
            throw new RpcException(RpcStatus.NOT_FOUND, "service '" + service + "' has no endpoint: " + e.getMessage(), e);
        } catch (ParleyException e) {
            RpcStatus status = e.isRetriable() ? RpcStatus.UNAVAILABLE
                    : e.code() == io.parley.common.ErrorCode.INVALID_ARGUMENT ? RpcStatus.INVALID_ARGUMENT : RpcStatus.REMOTE_ERROR;
            throw new RpcException(status,
                    "service '" + service + "' could not be resolved as " + name + ": " + e.getMessage(), e);
        }
        RecordType type = answer.record().type();
        if ((type != RecordType.SERVICE && type != RecordType.QUEUE) || answer.record().addresses().isEmpty()) {
            throw new RpcException(RpcStatus.NOT_FOUND, "service '" + service + "': " + name + " is a " + type.wireName()
                    + " record with addresses " + answer.record().addresses() + ", not a service or queue with a request queue");
        }
        String address = answer.record().addresses().get(0);
        String queue = address.startsWith(QUEUE_PREFIX) ? address.substring(QUEUE_PREFIX.length()) : address;
        return new Endpoint(service, queue);
    }
}
