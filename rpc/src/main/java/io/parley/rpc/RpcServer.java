package io.parley.rpc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.broker.Broker;
import io.parley.broker.BrokerException;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Exports implementations of plain Java interfaces as services.
 *
 * <pre>{@code
 * try (RpcServer server = RpcServer.builder(broker).config(RpcServerConfig.builder().stateDirectory(dir).build()).build()) {
 *     server.export("calculator", Calculator.class, new SimpleCalculator());
 *     ...
 * }
 * }</pre>
 *
 * <p>Each export consumes the service's queue (resolved through the {@link EndpointResolver}) with
 * {@code workers} consumer threads, which run the methods themselves, under the broker's AT_LEAST_ONCE guarantee: a request is
 * acknowledged only once it is answered, so a server crash redelivers it, and the durable
 * executed-request table keeps at-most-once methods from running twice. Each consumer holds one
 * request at a time; what the workers cannot take waits in the queue and the broker client's
 * consumer window ({@code BrokerConfig.consumerPrefetch}) — that is the back-pressure.
 * The server also listens on the control topic for caller epochs (orphans) and cancellations.
 *
 * <p>A timer thread interrupts calls running past their deadlines. {@link #close()} drains: it stops
 * taking requests, lets the calls in progress finish and answers them (interrupting those still
 * running after {@code drainTimeout}), then closes the table. Thread-safe. The broker is the
 * caller's and stays open.
 */
public final class RpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final Broker broker;
    private final EndpointResolver resolver;
    private final Codec codec;
    private final RpcServerConfig config;
    private final List<ServerInterceptor> interceptors;
    private final ServerMetrics metrics;
    private final ExecutedRequests executed;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final Subscription control;
    private final Map<String, Export> exports = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    private RpcServer(Builder b) {
        this.broker = b.broker;
        this.resolver = b.resolver;
        this.codec = b.codec;
        this.config = b.config;
        this.interceptors = List.copyOf(b.interceptors);
        this.metrics = new ServerMetrics(b.meterRegistry);
        this.executed = new ExecutedRequests(config.stateDirectory(), config.executedRetention(), config.executedMaxEntries(), config.clock());
        Gauge.builder("parley.rpc.server.inflight", inFlight, InFlightCalls::running)
                .description("RPC calls running now").register(b.meterRegistry);
        Gauge.builder("parley.rpc.server.executed", executed, ExecutedRequests::size)
                .description("entries in the executed-request table").register(b.meterRegistry);
        this.timer = Executors.newSingleThreadScheduledExecutor(RpcClient.daemon("parley-rpc-server-timer"));
        timer.scheduleWithFixedDelay(() -> inFlight.interruptExpired(config.clock().millis()), 50, 50, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flushExecuted, 50, 50, TimeUnit.MILLISECONDS);
        try {
            this.control = broker.subscribe(Destination.topic(RpcHeaders.CONTROL_TOPIC), null, d -> onControl(d.message()),
                    ConsumerOptions.of(DeliveryGuarantee.AT_MOST_ONCE));
        } catch (BrokerException e) {
            timer.shutdownNow();
            executed.close();
            throw BrokerFailures.translate(e, "subscribing to the RPC control topic " + RpcHeaders.CONTROL_TOPIC);
        }
    }

    public static Builder builder(Broker broker) {
        return new Builder(broker);
    }

    /**
     * Exports {@code implementation} as {@code service}; requests are taken from now on. Every
     * method of {@code iface} is checked first: one that fits no call mode fails here, naming it.
     *
     * @return the export; close it to stop serving this service alone (draining it)
     */
    public <T> AutoCloseable export(String service, Class<T> iface, T implementation) {
        if (closed) {
            throw new RpcException(RpcStatus.UNAVAILABLE, "the RPC server is closed");
        }
        ServiceNames.check(service);
        Objects.requireNonNull(implementation, "implementation");
        if (!iface.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + iface.getName());
        }
        ServiceModel model = ServiceModel.of(iface);
        Endpoint endpoint = resolver.resolve(service);
        ServiceExport export = new ServiceExport(service, model, implementation, broker, codec, executed, inFlight, interceptors,
                metrics, config.clock(), config.workers());
        Export handle = new Export(service, export);
        if (exports.putIfAbsent(service, handle) != null) {
            throw new IllegalArgumentException("service '" + service + "' is already exported by this server");
        }
        try {
            handle.subscription = broker.notify(endpoint.queue(), export,
                    ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withConcurrency(config.workers()));
        } catch (BrokerException e) {
            exports.remove(service);
            throw BrokerFailures.translate(e, "exporting service '" + service + "' on queue '" + endpoint.queue() + "'");
        }
        LOG.info("RPC service '{}' ({}) serving queue '{}' with {} workers", service, iface.getName(), endpoint.queue(), config.workers());
        return handle;
    }

    private void flushExecuted() {
        try {
            executed.flush();
        } catch (RuntimeException e) {
            LOG.warn("syncing the executed-request table failed: {}", e.getMessage());
        }
    }

    private void onControl(Message message) {
        String kind = message.headers().get(RpcHeaders.CONTROL);
        String caller = message.headers().get(RpcHeaders.CALLER);
        if (kind == null || caller == null) {
            return;
        }
        try {
            if (kind.equals(RpcHeaders.CONTROL_EPOCH)) {
                long epoch = Long.parseLong(message.headers().get(RpcHeaders.EPOCH));
                int abandoned = inFlight.observeEpoch(caller, epoch);
                if (abandoned > 0) {
                    LOG.info("caller '{}' announced epoch {}: abandoning {} orphan call(s)", caller, epoch, abandoned);
                }
            } else if (kind.equals(RpcHeaders.CONTROL_CANCEL)) {
                String request = message.headers().get(RpcHeaders.REQUEST);
                long deadline = Long.parseLong(message.headers().get(RpcHeaders.DEADLINE));
                if (request != null) {
                    inFlight.cancel(ExecutedRequests.key(caller, request), deadline, config.clock().millis());
                }
            }
        } catch (NumberFormatException e) {
            LOG.warn("ignoring a malformed RPC control message {}: {}", message.headers(), e.getMessage());
        }
    }

    /** Stops taking requests for every service, lets calls in progress finish and answers them, then closes the table. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Export export : new ArrayList<>(exports.values())) {
            export.close();
        }
        try {
            control.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the RPC control subscription failed", e);
        }
        timer.shutdownNow();
        executed.close();
    }

    /** One exported service. Closing drains it. */
    private final class Export implements AutoCloseable {
        private final String service;
        private final ServiceExport export;
        private volatile Subscription subscription;

        Export(String service, ServiceExport export) {
            this.service = service;
            this.export = export;
        }

        @Override
        public void close() {
            if (!exports.remove(service, this)) {
                return;
            }
            export.drain();
            // calls still running when the drain time is up are interrupted
            ScheduledFuture<?> cutOff = timer.schedule(() -> {
                LOG.warn("service '{}': calls still running after drainTimeout {} ms; interrupting them", service,
                        config.drainTimeout().toMillis());
                inFlight.interruptService(service);
            }, config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Subscription s = subscription;
            if (s != null) {
                // stops taking requests; waits for the consumer threads, which finish and answer the calls they hold
                s.close();
            }
            cutOff.cancel(false);
            LOG.info("RPC service '{}' stopped", service);
        }
    }

    /** Builds an {@link RpcServer}; not thread-safe. */
    public static final class Builder {
        private final Broker broker;
        private EndpointResolver resolver = StaticEndpointResolver.conventional();
        private Codec codec = new JacksonCodec();
        private RpcServerConfig config = RpcServerConfig.defaults();
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private final List<ServerInterceptor> interceptors = new ArrayList<>();

        private Builder(Broker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
        }

        public Builder resolver(EndpointResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder config(RpcServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where per-method metrics go, e.g. the node's Prometheus registry (served on its {@code /metrics}). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        public Builder interceptor(ServerInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Opens the executed-request table and subscribes to the control topic. */
        public RpcServer build() {
            return new RpcServer(this);
        }
    }
}
