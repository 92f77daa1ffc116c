package io.parley.rpc;

import io.parley.broker.Broker;
import io.parley.broker.BrokerException;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.MessageIds;
import io.parley.broker.SyncPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls remote services through stubs made from plain Java interfaces.
 *
 * <pre>{@code
 * try (RpcClient rpc = RpcClient.builder(broker).config(RpcClientConfig.builder().callerId("billing").build()).build()) {
 *     Calculator calculator = rpc.stub(Calculator.class, "calculator");
 *     int sum = calculator.add(1, 2);
 * }
 * }</pre>
 *
 * <p>The call mode follows the method's signature: a plain return type is a synchronous call;
 * {@code void} with {@link OneWay} returns once the request is stored; {@code CompletableFuture<T>}
 * is asynchronous; {@link Ticket Ticket<T>} is deferred-synchronous. Every call has a deadline
 * ({@link CallOptions} per call, else {@link Deadline} per method, else the config's, 30 s by
 * default) that travels with the request. Synchronous and asynchronous calls are retried with
 * the same request id when an attempt gets no reply within {@code attemptTimeout} or the broker is
 * briefly unreachable, until the deadline; the server's semantics (at-most-once unless
 * {@link Idempotent}) make the retries safe.
 *
 * <p>On build the client takes the next epoch of its caller id and announces it on the control
 * topic, so servers abandon the orphans of the caller's earlier runs.
 *
 * <p>Thread-safe; stubs are thread-safe. The broker is the caller's: closing the client leaves it open.
 */
public final class RpcClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    /** How long a synchronous call waits past its deadline, at which the call fails itself: the sweep's lateness. */
    private static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);

    private final Broker broker;
    private final EndpointResolver resolver;
    private final Codec codec;
    private final RpcClientConfig config;
    private final List<ClientInterceptor> interceptors;
    private final CallerIdentity identity;
    private final ScheduledExecutorService retries;
    private final ExecutorService callbacks;
    private final ReplyDecoder replies;
    private final Map<Method, MethodModel> models = new ConcurrentHashMap<>();
    private final Map<CallAttempts, Boolean> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RpcClient(Builder b) {
        this.broker = b.broker;
        this.resolver = b.resolver;
        this.codec = b.codec;
        this.config = b.config;
        this.interceptors = List.copyOf(b.interceptors);
        this.replies = new ReplyDecoder(codec);
        this.identity = config.callerId() == null
                ? new CallerIdentity("caller-" + UUID.randomUUID().toString().substring(0, 13), 1)
                : CallerIdentity.start(config.callerId(), config.stateDirectory());
        java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                daemon("parley-rpc-retry-" + identity.callerId()));
        timer.setRemoveOnCancelPolicy(true);
        this.retries = timer;
        timer.scheduleWithFixedDelay(this::sweepAttempts, CallAttempts.SWEEP_MS, CallAttempts.SWEEP_MS, TimeUnit.MILLISECONDS);
        this.callbacks = Executors.newCachedThreadPool(daemon("parley-rpc-callback-" + identity.callerId()));
        announceEpoch();
    }

    public static Builder builder(Broker broker) {
        return new Builder(broker);
    }

    /** This caller's id, which servers key duplicate suppression and orphans by. */
    public String callerId() {
        return identity.callerId();
    }

    /** This run's epoch: one more than the caller's previous run. */
    public long epoch() {
        return identity.epoch();
    }

    /**
     * A stub for {@code service} implementing {@code iface}. Every method is checked now: a method
     * that fits no call mode fails here, naming it.
     */
    public <T> T stub(Class<T> iface, String service) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface: stubs are made from interfaces");
        }
        ServiceNames.check(service);
        for (Method method : iface.getMethods()) {
            if (!method.isDefault() && !isObjectMethod(method)) {
                model(method);
            }
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (isObjectMethod(method)) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "RpcStub[" + iface.getSimpleName() + " -> " + service + "]";
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return invoke(model(method), service, args == null ? new Object[0] : args);
        };
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[]{iface}, handler));
    }

    /**
     * Calls {@code method} of {@code service} without a stub: the arguments are a JSON array, the
     * result is the reply's JSON. The server finds the method by name and argument count. A failure
     * throws {@link RpcException} (a declared exception arrives as {@link RemoteErrorException}).
     */
    public String call(String service, String method, String jsonArguments, Duration deadline) {
        byte[] body = jsonArguments.getBytes(StandardCharsets.UTF_8);
        int arity;
        try {
            arity = new JacksonCodec().countArguments(body);
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "arguments '" + jsonArguments + "': " + e.getMessage());
        }
        OutgoingCall outgoing = new OutgoingCall(service, resolver.resolve(service).queue(), method, arity, CallMode.SYNC,
                CallSemantics.AT_MOST_ONCE, body, JacksonCodec.CONTENT_TYPE, deadline, null, true);
        try {
            Object reply = send(outgoing);
            return (String) reply;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new RpcException(RpcStatus.REMOTE_ERROR, t.toString(), t);
        }
    }

    /** A ticket from its {@link Ticket#toString()} text, e.g. after a restart, whose reply is a {@code valueType}. */
    public <T> Ticket<T> ticket(String text, Type valueType) {
        return new Ticket<>(Ticket.brokerTicket(text), Ticket.deadline(text), valueType, this);
    }

    /** A ticket from its {@link Ticket#toString()} text whose reply is a {@code valueType}. */
    public <T> Ticket<T> ticket(String text, Class<T> valueType) {
        return ticket(text, (Type) valueType);
    }

    // ---- calls ---------------------------------------------------------------------------------

    private MethodModel model(Method method) {
        return models.computeIfAbsent(method, MethodModel::of);
    }

    private Object invoke(MethodModel method, String service, Object[] args) throws Throwable {
        Duration deadline = CallOptions.currentDeadline();
        if (deadline == null) {
            deadline = method.deadline() != null ? method.deadline() : config.defaultDeadline();
        }
        Endpoint endpoint = resolver.resolve(service);
        byte[] body;
        try {
            body = codec.encodeArguments(args, method.parameterTypes());
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "call " + service + "." + method.name() + ": " + e.getMessage(), e);
        }
        return send(new OutgoingCall(service, endpoint.queue(), method.name(), method.arity(), method.mode(), method.semantics(),
                body, codec.contentType(), deadline, method, false));
    }

    private Object send(OutgoingCall out) throws Throwable {
        checkOpen();
        Instant deadline = now().plus(out.deadline());
        ClientCall call = new ClientCall(out.service(), out.method(), out.mode(), out.semantics(), MessageIds.next(), deadline);
        call.header(RpcHeaders.TRACEPARENT, TraceParent.childOf(ServerCall.current().flatMap(ServerCall::traceparent).orElse(null)));
        for (ClientInterceptor interceptor : interceptors) {
            interceptor.beforeSend(call);
        }
        Message template = request(out, call);
        switch (out.mode()) {
            case ONE_WAY -> {
                try {
                    broker.send(Destination.queue(out.queue()), template, SyncPoint.STORED);
                } catch (BrokerException e) {
                    RpcException failure = BrokerFailures.translate(e, "one-way call " + out.describe());
                    afterCall(call, failure.status(), failure);
                    throw failure;
                }
                afterCall(call, RpcStatus.OK, null);
                return null;
            }
            case TICKET -> {
                io.parley.broker.Ticket ticket;
                try {
                    ticket = broker.submit(out.queue(), template);
                } catch (BrokerException e) {
                    RpcException failure = BrokerFailures.translate(e, "deferred-synchronous call " + out.describe());
                    afterCall(call, failure.status(), failure);
                    throw failure;
                }
                afterCall(call, RpcStatus.OK, null);
                return new Ticket<>(ticket, deadline, out.model().valueType(), this);
            }
            case ASYNC -> {
                return start(out, call, template, true);
            }
            default -> {
                // the calling thread reads the replies while it waits, if nobody else does: it then
                // receives its own without a hand-off from the broker client's reply thread
                List<RpcFuture<Object>> started = new ArrayList<>(1);
                try {
                    return broker.awaitReplies(() -> {
                        RpcFuture<Object> future = start(out, call, template, false);
                        started.add(future);
                        return future;
                    }, out.deadline().plus(DEADLINE_GRACE));
                } catch (BrokerException e) {
                    // before the first attempt (the broker client closed, its reply queue unreachable)
                    RpcException failure = BrokerFailures.translate(e, "call " + out.describe());
                    afterCall(call, failure.status(), failure);
                    throw failure;
                } catch (ExecutionException e) {
                    throw e.getCause();
                } catch (CancellationException e) {
                    throw new RpcException(RpcStatus.CANCELLED, "call " + out.describe() + " was cancelled");
                } catch (TimeoutException e) {
                    // the call's own deadline fails it first; this is the backstop
                    throw new RpcException(RpcStatus.DEADLINE_EXCEEDED, "call " + out.describe() + ": no reply within deadline "
                            + out.deadline().toMillis() + " ms");
                } catch (InterruptedException e) {
                    started.forEach(future -> future.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new RpcException(RpcStatus.CANCELLED, "call " + out.describe() + ": interrupted while waiting for the reply");
                }
            }
        }
    }

    private Message request(OutgoingCall out, ClientCall call) {
        Message.Builder builder = Message.builder()
                .body(out.body(), out.contentType())
                .header(RpcHeaders.SERVICE, out.service())
                .header(RpcHeaders.METHOD, out.method())
                .header(RpcHeaders.ARITY, Integer.toString(out.arity()))
                .header(RpcHeaders.CALLER, identity.callerId())
                .header(RpcHeaders.EPOCH, Long.toString(identity.epoch()))
                .header(RpcHeaders.REQUEST, call.requestId())
                .header(RpcHeaders.DEADLINE, Long.toString(call.deadline().toEpochMilli()))
                .header(RpcHeaders.MODE, out.mode().name())
                .header(RpcHeaders.SEMANTICS, out.semantics().name())
                .durability(out.mode() == CallMode.TICKET ? Durability.PERSISTENT : config.requestDurability());
        call.headers().forEach(builder::header);
        if (out.mode() == CallMode.ONE_WAY || out.mode() == CallMode.TICKET) {
            builder.expiresAt(call.deadline());
        }
        return builder.build();
    }

    private RpcFuture<Object> start(OutgoingCall out, ClientCall call, Message template, boolean async) {
        CallAttempts attempts = new CallAttempts(this, out, call, template, async);
        pending.put(attempts, Boolean.TRUE);
        attempts.future.whenComplete((v, e) -> pending.remove(attempts));
        attempts.next();
        return attempts.future;
    }

    Optional<Message> collect(io.parley.broker.Ticket ticket, Duration wait) {
        checkOpen();
        try {
            return broker.await(ticket, wait);
        } catch (BrokerException e) {
            throw BrokerFailures.translate(e, "ticket " + ticket);
        }
    }

    Object decodeTicketReply(Message reply, Type valueType, Ticket<?> ticket) {
        return replies.decodeTicket(reply, valueType, ticket);
    }

    // ---- what a call's attempts use ------------------------------------------------------------

    Instant now() {
        return config.clock().instant();
    }

    Broker broker() {
        return broker;
    }

    RpcClientConfig config() {
        return config;
    }

    ExecutorService callbacks() {
        return callbacks;
    }

    ReplyDecoder replies() {
        return replies;
    }

    boolean isClosed() {
        return closed;
    }

    // ---- control -------------------------------------------------------------------------------

    private void announceEpoch() {
        Message announcement = Message.builder()
                .header(RpcHeaders.CONTROL, RpcHeaders.CONTROL_EPOCH)
                .header(RpcHeaders.CALLER, identity.callerId())
                .header(RpcHeaders.EPOCH, Long.toString(identity.epoch()))
                .durability(Durability.TRANSIENT)
                .build();
        try {
            broker.send(Destination.topic(RpcHeaders.CONTROL_TOPIC), announcement, SyncPoint.STORED);
        } catch (BrokerException e) {
            retries.shutdownNow();
            callbacks.shutdownNow();
            throw BrokerFailures.translate(e, "announcing epoch " + identity.epoch() + " of caller '" + identity.callerId() + "'");
        }
    }

    void publishCancel(ClientCall call) {
        Message cancel = Message.builder()
                .header(RpcHeaders.CONTROL, RpcHeaders.CONTROL_CANCEL)
                .header(RpcHeaders.CALLER, identity.callerId())
                .header(RpcHeaders.REQUEST, call.requestId())
                .header(RpcHeaders.DEADLINE, Long.toString(call.deadline().toEpochMilli()))
                .durability(Durability.TRANSIENT)
                .build();
        try {
            broker.sendAsync(Destination.topic(RpcHeaders.CONTROL_TOPIC), cancel, SyncPoint.STORED);
        } catch (BrokerException e) {
            // the server then runs the call; its reply is ignored
        }
    }

    void afterCall(ClientCall call, RpcStatus status, Throwable failure) {
        for (ClientInterceptor interceptor : interceptors) {
            try {
                interceptor.afterCall(call, status, failure);
            } catch (RuntimeException e) {
                LOG.warn("client interceptor {} failed after call {}.{}",
                        interceptor, call.service(), call.method(), e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new RpcException(RpcStatus.UNAVAILABLE, "the RPC client of caller '" + identity.callerId() + "' is closed");
        }
    }

    /** Fails calls still waiting with UNAVAILABLE and stops the client's threads; the broker stays open. */
    @Override
    public void close() {
        closed = true;
        for (CallAttempts attempts : new ArrayList<>(pending.keySet())) {
            attempts.finish(null, new RpcException(RpcStatus.UNAVAILABLE, "call " + attempts.out.describe() + ": the RPC client was closed"));
        }
        retries.shutdownNow();
        callbacks.shutdown();
    }

    /** Takes the due retries and deadlines of the calls in progress (on the retry timer). */
    private void sweepAttempts() {
        long now = System.nanoTime();
        for (CallAttempts attempts : pending.keySet()) {
            try {
                attempts.fireIfDue(now);
            } catch (RuntimeException e) {
                LOG.warn("call {}: next step failed", attempts.out.describe(), e);
            }
        }
    }

    private static boolean isObjectMethod(Method method) {
        return method.getDeclaringClass() == Object.class;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds an {@link RpcClient}; not thread-safe. */
    public static final class Builder {
        private final Broker broker;
        private EndpointResolver resolver = StaticEndpointResolver.conventional();
        private Codec codec = new JacksonCodec();
        private RpcClientConfig config = RpcClientConfig.defaults();
        private final List<ClientInterceptor> interceptors = new ArrayList<>();

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

        public Builder config(RpcClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder interceptor(ClientInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Takes the caller's next epoch, announces it, and returns the client. */
        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
