package io.parley.rpc;

import io.parley.broker.Broker;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.Delivery;
import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.SyncPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The skeleton of one exported service: takes requests from the service's queue, decides from the
 * request's caller, epoch, id and deadline whether and how to run it, runs the method and replies.
 * Called by the broker's consumer threads ({@code workers} of them, each holding one request at a
 * time, so requests beyond that wait in the queue and in the consumer window); the method runs on
 * the consumer thread itself, which the server's timer interrupts at the deadline and the
 * orphan logic interrupts for a newer caller epoch. Thread-safe.
 *
 * <pre>
 *  take request ─► decode headers ─► method? ─► older epoch (orphan)? drop
 *     ─► past deadline? DEADLINE_EXCEEDED ─► cancelled? CANCELLED
 *     ─► at-most-once: table.begin ─┬─ Done     ─► reply cached
 *                                   ├─ Running  ─► join as waiter (answered when it ends)
 *                                   ├─ Crashed  ─► OUTCOME_UNKNOWN (recorded; never run again)
 *                                   └─ Run      ─► run ─► table.done ─► reply (+ waiters)
 *     ─► at-least-once: run ─► reply
 * </pre>
 *
 * A ticket's reply is durable: a handler that cannot send it throws, so the broker redelivers the
 * request, and the table then answers it without running the method again. Other replies are
 * sent without waiting for the broker to store them when every worker of the service is busy, so
 * that under load a worker is not held a broker round trip per call (the caller recovers a lost
 * reply by its deadline and retry); while a worker is idle the replying worker waits, so that its
 * acknowledgement reaches the broker after the reply was routed, off the caller's path.
 */
final class ServiceExport implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceExport.class);

    private final String service;
    private final ServiceModel model;
    private final Object implementation;
    private final Broker broker;
    private final Codec codec;
    private final ExecutedRequests executed;
    private final InFlightCalls inFlight;
    private final List<ServerInterceptor> interceptors;
    private final ServerMetrics metrics;
    private final int workers;
    /** Workers handling a request of this service now. */
    private final AtomicInteger busy = new AtomicInteger();
    private final Clock clock;
    private volatile boolean draining;

    ServiceExport(String service, ServiceModel model, Object implementation, Broker broker, Codec codec, ExecutedRequests executed,
                  InFlightCalls inFlight, List<ServerInterceptor> interceptors, ServerMetrics metrics, Clock clock, int workers) {
        this.service = service;
        this.model = model;
        this.implementation = implementation;
        this.broker = broker;
        this.codec = codec;
        this.executed = executed;
        this.inFlight = inFlight;
        this.interceptors = interceptors;
        this.metrics = metrics;
        this.clock = clock;
        this.workers = workers;
    }

    void drain() {
        draining = true;
    }

    @Override
    public void onMessage(Delivery delivery) {
        busy.incrementAndGet();
        try {
            handle(delivery);
        } finally {
            busy.decrementAndGet();
        }
    }

    private void handle(Delivery delivery) {
        long startedNanos = System.nanoTime();
        Message request = delivery.message();
        Envelope envelope;
        try {
            envelope = Envelope.of(request, codec);
        } catch (IllegalArgumentException e) {
            metrics.call(service, "?", RpcStatus.INVALID_ARGUMENT, elapsed(startedNanos));
            reply(delivery, null, RpcStatus.INVALID_ARGUMENT, ErrorBodies.status(RpcStatus.INVALID_ARGUMENT,
                    "service '" + service + "': " + e.getMessage()), RpcHeaders.ERROR_CONTENT_TYPE);
            return;
        }
        String named = envelope.headers().get(RpcHeaders.SERVICE);
        if (named != null && !named.equals(service)) {
            fail(delivery, envelope, RpcStatus.NOT_FOUND, "request for service '" + named + "' reached service '" + service
                    + "' (do both resolve to one queue?); not run", startedNanos);
            return;
        }
        MethodModel method = model.find(envelope.method(), envelope.arity());
        if (method == null) {
            fail(delivery, envelope, RpcStatus.NOT_FOUND, "service '" + service + "' has no method '" + envelope.method() + "' taking "
                    + envelope.arity() + " argument(s); it has " + model.methods().keySet(), startedNanos);
            return;
        }
        inFlight.observeEpoch(envelope.caller(), envelope.epoch());
        if (envelope.mode().awaitedByInstance() && inFlight.isOlderEpoch(envelope.caller(), envelope.epoch())) {
            LOG.debug("service {}: dropping request {} of caller {} epoch {}: the caller has restarted since", service,
                    envelope.requestId(), envelope.caller(), envelope.epoch());
            metrics.orphan(service);
            return;
        }
        if (!clock.instant().isBefore(envelope.deadline())) {
            fail(delivery, envelope, RpcStatus.DEADLINE_EXCEEDED, "call " + service + "." + envelope.method() + ": deadline "
                    + envelope.deadline() + " passed before the server took the request; not run", startedNanos);
            return;
        }
        String key = ExecutedRequests.key(envelope.caller(), envelope.requestId());
        if (inFlight.isCancelled(key)) {
            fail(delivery, envelope, RpcStatus.CANCELLED, "call " + service + "." + envelope.method() + " was cancelled by the caller before it started",
                    startedNanos);
            return;
        }
        if (draining) {
            fail(delivery, envelope, RpcStatus.UNAVAILABLE, "service '" + service + "' is shutting down", startedNanos);
            return;
        }
        if (method.semantics() == CallSemantics.AT_MOST_ONCE) {
            atMostOnce(delivery, envelope, method, key, startedNanos);
            return;
        }
        // at-least-once: every copy runs; registered under its own message so orphans can still be found
        String copyKey = key + "#" + request.id();
        InFlightCalls.Running call = new InFlightCalls.Running(service, envelope.caller(), envelope.epoch(), envelope.mode(), envelope.deadline().toEpochMilli());
        inFlight.register(copyKey, call);
        Outcome outcome;
        try {
            outcome = run(envelope, method, call);
        } finally {
            inFlight.finish(copyKey, call);
        }
        if (outcome == null) {
            metrics.call(service, method.name(), RpcStatus.ABORTED, elapsed(startedNanos));
            return;
        }
        metrics.call(service, method.name(), outcome.status(), elapsed(startedNanos));
        reply(delivery, envelope, outcome.status(), outcome.body(), outcome.contentType());
    }

    private void atMostOnce(Delivery delivery, Envelope envelope, MethodModel method, String key, long startedNanos) {
        InFlightCalls.Running call = new InFlightCalls.Running(service, envelope.caller(), envelope.epoch(), envelope.mode(), envelope.deadline().toEpochMilli());
        while (inFlight.register(key, call) != null) {
            // a copy of this request is running here now: answer this copy when it ends
            if (delivery.message().replyTo().isEmpty()
                    || inFlight.join(key, new InFlightCalls.Waiter(delivery.message().replyTo().get(), delivery.message().id()))) {
                metrics.duplicate(service, method.name());
                return;
            }
        }
        ExecutedRequests.Begin begin;
        try {
            begin = executed.begin(envelope.caller(), envelope.epoch(), envelope.requestId(), envelope.deadline());
        } catch (RpcException e) {
            inFlight.finish(key, call);
            fail(delivery, envelope, e.status(), e.getMessage(), startedNanos);
            return;
        }
        Outcome outcome;
        if (begin instanceof ExecutedRequests.Begin.Done done) {
            metrics.duplicate(service, method.name());
            outcome = new Outcome(RpcStatus.valueOf(done.status()), done.body(), done.contentType());
        } else if (begin instanceof ExecutedRequests.Begin.Run) {
            try {
                outcome = run(envelope, method, call);
            } catch (RuntimeException e) {
                inFlight.finish(key, call);
                throw e;
            }
            if (outcome == null) {
                byte[] body = ErrorBodies.status(RpcStatus.ABORTED, "call abandoned: caller '" + envelope.caller()
                        + "' has restarted since epoch " + envelope.epoch());
                executed.done(envelope.caller(), envelope.requestId(), RpcStatus.ABORTED.name(), RpcHeaders.ERROR_CONTENT_TYPE, body);
                inFlight.finish(key, call);
                metrics.call(service, method.name(), RpcStatus.ABORTED, elapsed(startedNanos));
                return;
            }
            executed.done(envelope.caller(), envelope.requestId(), outcome.status().name(), outcome.contentType(), outcome.body());
            metrics.call(service, method.name(), outcome.status(), elapsed(startedNanos));
        } else {
            // Crashed (or Running in an earlier run of this server): it may have taken effect; never run it again
            String message = "call " + service + "." + method.name() + " (request " + envelope.requestId() + ") was running"
                    + " when the server stopped; at-most-once: it is not run again, and whether it took effect is unknown";
            byte[] body = ErrorBodies.status(RpcStatus.OUTCOME_UNKNOWN, message);
            executed.done(envelope.caller(), envelope.requestId(), RpcStatus.OUTCOME_UNKNOWN.name(), RpcHeaders.ERROR_CONTENT_TYPE, body);
            outcome = new Outcome(RpcStatus.OUTCOME_UNKNOWN, body, RpcHeaders.ERROR_CONTENT_TYPE);
            metrics.call(service, method.name(), RpcStatus.OUTCOME_UNKNOWN, elapsed(startedNanos));
        }
        List<InFlightCalls.Waiter> waiters = inFlight.finish(key, call);
        reply(delivery, envelope, outcome.status(), outcome.body(), outcome.contentType());
        for (InFlightCalls.Waiter waiter : waiters) {
            replyTo(waiter.replyTo(), waiter.messageId(), envelope, outcome.status(), outcome.body(), outcome.contentType());
        }
    }

    /** The status and reply body of a call that ran. */
    record Outcome(RpcStatus status, byte[] body, String contentType) {
    }

    /**
     * Runs the method on this (consumer) thread; the server's timer interrupts it at the deadline.
     * Returns {@code null} if the call was abandoned as an orphan: its reply is discarded.
     */
    private Outcome run(Envelope envelope, MethodModel method, InFlightCalls.Running call) {
        Object[] args;
        try {
            args = codec.decodeArguments(envelope.body(), method.parameterTypes());
        } catch (IllegalArgumentException e) {
            return new Outcome(RpcStatus.INVALID_ARGUMENT, ErrorBodies.status(RpcStatus.INVALID_ARGUMENT,
                    "call " + service + "." + method.name() + ": " + e.getMessage()), RpcHeaders.ERROR_CONTENT_TYPE);
        }
        ServerCall serverCall = new ServerCall(service, method.name(), envelope.caller(), envelope.epoch(), envelope.requestId(),
                envelope.deadline(), envelope.mode(), method.semantics(), envelope.headers(), clock);
        if (!call.start()) {
            metrics.orphan(service);
            return null;
        }
        Object value = null;
        Throwable thrown = null;
        try {
            value = invoke(serverCall, method, args);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            call.end();
        }
        if (call.abandoned) {
            metrics.orphan(service);
            LOG.info("service {}: abandoned orphan call {} (request {}) of caller {} epoch {}", service, method.name(),
                    envelope.requestId(), envelope.caller(), envelope.epoch());
            return null;
        }
        if (call.expired) {
            return error(RpcStatus.DEADLINE_EXCEEDED, "call " + service + "." + method.name() + ": deadline " + envelope.deadline()
                    + " passed while it ran; interrupted");
        }
        if (thrown != null) {
            return thrown(method, thrown);
        }
        try {
            return new Outcome(RpcStatus.OK, codec.encodeResult(value, method.valueType()), codec.contentType());
        } catch (IllegalArgumentException e) {
            return error(RpcStatus.REMOTE_ERROR, "call " + service + "." + method.name() + ": " + e.getMessage());
        }
    }

    private Object invoke(ServerCall call, MethodModel method, Object[] args) throws Exception {
        ServerCall.enter(call);
        try {
            ServerInterceptor.Invocation chain = () -> {
                try {
                    Object result = method.method().invoke(implementation, args);
                    if (method.mode() == CallMode.ASYNC && result instanceof CompletionStage<?> stage) {
                        try {
                            return stage.toCompletableFuture().get();
                        } catch (ExecutionException e) {
                            throw new InvocationTargetException(e.getCause());
                        }
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    throw e;
                }
            };
            for (int i = interceptors.size() - 1; i >= 0; i--) {
                ServerInterceptor interceptor = interceptors.get(i);
                ServerInterceptor.Invocation next = chain;
                chain = () -> interceptor.intercept(call, next);
            }
            return chain.proceed();
        } finally {
            ServerCall.exit();
        }
    }

    private Outcome thrown(MethodModel method, Throwable thrown) {
        if (thrown instanceof InvocationTargetException ite && ite.getCause() != null) {
            thrown = ite.getCause();
        }
        if (thrown instanceof RpcException rpc && !(thrown instanceof RemoteErrorException)) {
            return error(rpc.status(), rpc.getMessage());
        }
        boolean declared = !(thrown instanceof RuntimeException) && !(thrown instanceof Error) && method.declares(thrown.getClass());
        if (!declared) {
            LOG.debug("service {}: method {} threw", service, method.name(), thrown);
        }
        return new Outcome(RpcStatus.REMOTE_ERROR, ErrorBodies.thrown(thrown, declared), RpcHeaders.ERROR_CONTENT_TYPE);
    }

    private static Outcome error(RpcStatus status, String message) {
        return new Outcome(status, ErrorBodies.status(status, message), RpcHeaders.ERROR_CONTENT_TYPE);
    }

    private void fail(Delivery delivery, Envelope envelope, RpcStatus status, String message, long startedNanos) {
        metrics.call(service, envelope.method(), status, elapsed(startedNanos));
        reply(delivery, envelope, status, ErrorBodies.status(status, message), RpcHeaders.ERROR_CONTENT_TYPE);
    }

    private void reply(Delivery delivery, Envelope envelope, RpcStatus status, byte[] body, String contentType) {
        if (delivery.message().replyTo().isEmpty() || (envelope != null && envelope.mode() == CallMode.ONE_WAY)) {
            if (status != RpcStatus.OK) {
                LOG.warn("service {}: {} call without reply-to failed with {}: {}", service, envelope == null ? "a" : envelope.mode(),
                        status, new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        Message reply = replyMessage(envelope, status, body, contentType).build();
        if (envelope == null || envelope.mode() == CallMode.TICKET) {
            delivery.reply(reply); // a ticket's reply is durable: stored before the request is acknowledged
            return;
        }
        // the caller recovers a lost reply (its deadline, then a retry answered from the table or run
        // again if idempotent): a worker waits for the broker to store it only while another one is idle
        if (busy.get() < workers) {
            try {
                delivery.reply(reply);
            } catch (RuntimeException failure) {
                replyLost(envelope, failure);
            }
            return;
        }
        delivery.replyAsync(reply).whenComplete((ok, failure) -> {
            if (failure != null) {
                replyLost(envelope, failure);
            }
        });
    }

    private void replyLost(Envelope envelope, Throwable failure) {
        LOG.warn("service {}: could not send the reply to request {} of caller {}: {}", service, envelope.requestId(),
                envelope.caller(), failure.toString());
    }

    private void replyTo(Destination replyTo, String messageId, Envelope envelope, RpcStatus status, byte[] body, String contentType) {
        Message reply = replyMessage(envelope, status, body, contentType).correlationId(messageId)
                .rawHeader(BrokerHeaders.TICKET, messageId).build();
        broker.sendAsync(replyTo, reply, SyncPoint.STORED).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("service {}: could not answer a copy of request {}: {}", service, envelope.requestId(), e.toString());
            }
        });
    }

    private static Message.Builder replyMessage(Envelope envelope, RpcStatus status, byte[] body, String contentType) {
        Message.Builder builder = Message.builder().body(body, contentType).header(RpcHeaders.STATUS, status.name())
                .durability(envelope != null && envelope.mode() == CallMode.TICKET ? Durability.PERSISTENT : Durability.TRANSIENT);
        if (envelope != null) {
            builder.header(RpcHeaders.REQUEST, envelope.requestId());
            String traceparent = envelope.headers().get(RpcHeaders.TRACEPARENT);
            if (traceparent != null) {
                builder.header(RpcHeaders.TRACEPARENT, traceparent);
            }
        }
        return builder;
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** A request's RPC headers, checked. */
    record Envelope(String method, int arity, String caller, long epoch, String requestId, Instant deadline, CallMode mode,
                    byte[] body, Map<String, String> headers) {

        static Envelope of(Message request, Codec codec) {
            Map<String, String> h = request.headers();
            String contentType = request.contentType();
            if (contentType == null || !contentType.startsWith(codec.contentType())) {
                throw new IllegalArgumentException("request content type '" + contentType + "' is not the server codec's '"
                        + codec.contentType() + "'");
            }
            String method = required(h, RpcHeaders.METHOD);
            byte[] body = request.body();
            int arity = h.containsKey(RpcHeaders.ARITY) ? number(h, RpcHeaders.ARITY).intValue() : codec.countArguments(body);
            CallMode mode;
            try {
                mode = CallMode.valueOf(required(h, RpcHeaders.MODE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header " + RpcHeaders.MODE + " '" + h.get(RpcHeaders.MODE) + "' is not one of "
                        + List.of(CallMode.values()));
            }
            return new Envelope(method, arity, required(h, RpcHeaders.CALLER), number(h, RpcHeaders.EPOCH),
                    required(h, RpcHeaders.REQUEST), Instant.ofEpochMilli(number(h, RpcHeaders.DEADLINE)), mode, body, h);
        }

        private static String required(Map<String, String> headers, String name) {
            String value = headers.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("request has no " + name + " header");
            }
            return value;
        }

        private static Long number(Map<String, String> headers, String name) {
            String value = required(headers, name);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("header " + name + " '" + value + "' is not a number");
            }
        }
    }
}
