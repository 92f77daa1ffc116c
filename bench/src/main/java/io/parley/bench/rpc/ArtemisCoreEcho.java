package io.parley.bench.rpc;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The engine's floor for this shape of call, not compared: request/reply with Artemis's core client
 * alone, no Parley code, over the same broker and the same TCP path as Parley's calls.
 *
 * <pre>
 *   caller (its own core session) --non-durable request, replyTo--> queue bench.core-echo
 *       --> `workers` server threads (receive, send the reply, ack) --> the client's temporary reply queue
 *       --> one reader thread (pre-acknowledging session) --> completes the caller's future
 * </pre>
 *
 * Sends are asynchronous (no blocking send), as Parley's are. What Parley adds on top of this is its
 * RPC layer (marshalling, call ids, deadlines, interceptors, metrics) and its broker client
 * (message model, sync points, confirmations, the session pool).
 */
final class ArtemisCoreEcho implements UnaryOperator<String>, AutoCloseable {

    private static final SimpleString QUEUE = SimpleString.of("bench.core-echo");
    private static final String CORRELATION = "cid";
    private static final long WAIT_MS = 30_000;

    private final ServerLocator serverLocator;
    private final ServerLocator clientLocator;
    private final ClientSessionFactory serverFactory;
    private final ClientSessionFactory clientFactory;
    private final SimpleString replyQueue = SimpleString.of("bench.core-replies." + UUID.randomUUID());
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ClientSession> sessions = new ArrayList<>();
    private final ThreadLocal<Caller> callers;
    private volatile boolean running = true;

    ArtemisCoreEcho(String url, int workers) throws Exception {
        serverLocator = locator(url);
        clientLocator = locator(url);
        serverFactory = serverLocator.createSessionFactory();
        clientFactory = clientLocator.createSessionFactory();
        ClientSession admin = open(serverFactory.createSession());
        if (!admin.queueQuery(QUEUE).isExists()) {
            admin.createQueue(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        for (int i = 0; i < workers; i++) {
            ClientSession session = open(serverFactory.createSession(false, true, true, false));
            ClientConsumer consumer = session.createConsumer(QUEUE);
            ClientProducer producer = session.createProducer();
            session.start();
            start("bench-core-echo-server-" + i, consumer, request -> serve(session, producer, request));
        }
        ClientSession replies = open(clientFactory.createSession(false, true, true, true));
        replies.createQueue(QueueConfiguration.of(replyQueue).setRoutingType(RoutingType.ANYCAST).setDurable(false).setTemporary(true));
        ClientConsumer replyConsumer = replies.createConsumer(replyQueue);
        replies.start();
        start("bench-core-echo-replies", replyConsumer, this::replied);
        callers = ThreadLocal.withInitial(() -> {
            try {
                ClientSession session = open(clientFactory.createSession(false, true, true, false));
                return new Caller(session, session.createProducer());
            } catch (ActiveMQException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String apply(String payload) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Caller caller = callers.get();
        try {
            ClientMessage request = caller.session.createMessage(false);
            request.getBodyBuffer().writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            request.putStringProperty(CORRELATION, id);
            request.setReplyTo(replyQueue);
            caller.producer.send(QUEUE, request, message -> { });
            return reply.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ActiveMQException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("core echo " + id + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    private void serve(ClientSession session, ClientProducer producer, ClientMessage request) throws ActiveMQException {
        ClientMessage reply = session.createMessage(false);
        reply.getBodyBuffer().writeBytes(body(request));
        reply.putStringProperty(CORRELATION, request.getStringProperty(CORRELATION));
        producer.send(request.getReplyTo(), reply, message -> { });
        request.acknowledge();
    }

    private void replied(ClientMessage reply) {
        CompletableFuture<String> waiting = pending.get(reply.getStringProperty(CORRELATION));
        if (waiting != null) {
            waiting.complete(new String(body(reply), StandardCharsets.UTF_8));
        }
    }

    private static byte[] body(ClientMessage message) {
        byte[] body = new byte[message.getBodySize()];
        message.getBodyBuffer().readBytes(body);
        return body;
    }

    private ClientSession open(ClientSession session) {
        synchronized (sessions) {
            sessions.add(session);
        }
        return session;
    }

    /** A daemon thread handing each message of {@code consumer} to {@code handler} until closed. */
    private void start(String name, ClientConsumer consumer, Handler handler) {
        Thread thread = new Thread(() -> {
            try {
                while (running) {
                    ClientMessage message = consumer.receive(200);
                    if (message != null) {
                        handler.handle(message);
                    }
                }
            } catch (ActiveMQException e) {
                if (running) {
                    System.err.println(name + " failed: " + e);
                }
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static ServerLocator locator(String url) throws Exception {
        // as the Parley engine's locator: asynchronous sends, confirmations through the window, acks sent at once
        return ActiveMQClient.createServerLocator(url).setConfirmationWindowSize(1 << 20).setProducerWindowSize(1 << 20)
                .setBlockOnDurableSend(false).setBlockOnNonDurableSend(false).setAckBatchSize(0);
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        synchronized (sessions) {
            for (ClientSession session : sessions) {
                session.close();
            }
        }
        serverFactory.close();
        clientFactory.close();
        serverLocator.close();
        clientLocator.close();
    }

    private record Caller(ClientSession session, ClientProducer producer) {
    }

    @FunctionalInterface
    private interface Handler {
        void handle(ClientMessage message) throws ActiveMQException;
    }
}
