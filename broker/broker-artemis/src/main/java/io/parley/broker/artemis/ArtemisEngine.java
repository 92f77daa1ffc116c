package io.parley.broker.artemis;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.QueueInfo;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ActiveMQ Artemis engine, over Artemis's core client API.
 *
 * <p>Two modes: {@link #embedded(ArtemisConfig)} runs an Artemis server in this JVM (journal under
 * the configured data directory; see {@link EmbeddedServer}) and talks to it in-VM, while outside
 * clients (Core, AMQP 1.0, OpenWire, so any Jakarta Messaging or AMQP client) use its TCP acceptor
 * at {@link #messagingUrl()}. {@link #connect(String)} talks to a remote Artemis instead, and
 * reconnects without end when the connection drops (a restarted node), resending unconfirmed sends.
 *
 * <p>What Artemis does is used as it is: duplicate detection ({@code _AMQ_DUPL_ID}), message groups
 * ({@code _AMQ_GROUP_ID}), priorities, the consumer window, redelivery delay and dead-letter
 * addresses from per-queue address settings, wildcard routing for topic patterns. Expired messages
 * are never handed out: Artemis moves them to {@code parley.expired}, a ring queue that keeps only
 * the newest 10,000 for inspection (so it never grows without bound).
 *
 * <p>Remote mode: queue settings are applied with core management messages, so the remote server
 * must allow management by this client (security off, or a role permitting it). Its server-wide
 * settings are its own: the embedded defaults (address-full policy FAIL, persisted delivery counts,
 * the server-wide {@code DLQ}) apply only in embedded mode, though {@code DLQ} and
 * {@code parley.expired} are created if absent.
 *
 * <p>Thread-safe. All sessions share one connection (one session factory); each
 * {@link EngineSession} belongs to one thread at a time.
 */
public final class ArtemisEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisEngine.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    private static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    /**
     * Credits a producer may use ahead of the server: 1 MiB rather than Artemis's 64 KiB, so that
     * sends pipelined at STORED are not throttled by credits. How deep the pipeline is — and so how
     * long each send waits for STORED — is the application's choice (how many sends it keeps in flight).
     */
    private static final int PRODUCER_WINDOW_BYTES = 1024 * 1024;
    private static final long RETRY_INTERVAL_MS = 500;
    private static final long MAX_RETRY_INTERVAL_MS = 5_000;
    private static final int INITIAL_CONNECT_ATTEMPTS = 10;

    private final ArtemisConfig config;
    private final String remoteUrl;
    private final Set<ArtemisSession> sessions = ConcurrentHashMap.newKeySet();
    private EmbeddedServer server;
    private ServerLocator locator;
    private volatile ClientSessionFactory factory;
    private Management management;
    private volatile QueueTopology topology;
    private volatile MessageCodec codec;

    private ArtemisEngine(ArtemisConfig config, String remoteUrl) {
        this.config = config;
        this.remoteUrl = remoteUrl;
    }

    /** An engine running its own Artemis server with {@code config}; call {@link #start()}. */
    public static ArtemisEngine embedded(ArtemisConfig config) {
        return new ArtemisEngine(Objects.requireNonNull(config, "config"), null);
    }

    /** An engine connected to the Artemis server at {@code url} ({@code tcp://HOST:PORT}); call {@link #start()}. */
    public static ArtemisEngine connect(String url) {
        if (url == null || !url.matches("(tcp|vm)://.+")) {
            throw new IllegalArgumentException("Artemis url '" + url + "' is invalid: expected tcp://HOST:PORT");
        }
        return new ArtemisEngine(null, url);
    }

    @Override
    public String name() {
        return "artemis";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public synchronized void start() {
        if (topology != null) {
            return;
        }
        try {
            String url = remoteUrl;
            if (config != null) {
                server = new EmbeddedServer(config);
                server.start();
                url = server.inVmUrl();
            }
            locator = locator(url, config == null);
            factory = locator.createSessionFactory();
            management = new Management(factory);
            QueueTopology started = new QueueTopology(management);
            started.ensureSharedQueues();
            codec = new MessageCodec(started::maxDeliveries);
            topology = started;
        } catch (Exception e) {
            close();
            throw Failures.translate(config != null ? "starting embedded Artemis" : "connecting to Artemis at " + remoteUrl, e);
        }
        LOG.info("artemis engine started ({})", config != null ? "embedded, " + messagingUrl() : "remote " + remoteUrl);
    }

    /**
     * Where outside clients connect: the embedded server's multi-protocol acceptor
     * ({@code tcp://HOST:PORT}, the actual port when 0 was configured), or the remote URL.
     */
    public String messagingUrl() {
        if (config == null) {
            return remoteUrl;
        }
        EmbeddedServer running = server;
        return running != null ? running.messagingUrl() : "tcp://" + config.advertisedHost() + ":" + config.messagingPort();
    }

    @Override
    public void declareQueue(QueueSpec spec) {
        topology().declare(spec);
    }

    @Override
    public void deleteQueue(String queue) {
        topology().delete(queue);
    }

    @Override
    public EngineSession openSession(SessionMode mode) {
        Objects.requireNonNull(mode, "mode");
        QueueTopology topology = topology();
        ClientSession session = null;
        try {
            boolean transacted = mode == SessionMode.TRANSACTED;
            boolean preAcknowledge = mode == SessionMode.ACK_ON_DELIVERY;
            session = factory.createSession(false, !transacted, mode == SessionMode.FAST_ACKS || preAcknowledge, preAcknowledge);
            EmbeddedServer embedded = server;
            ArtemisSession engineSession = new ArtemisSession(session, mode, topology, codec,
                    embedded != null ? embedded::fullStoreLimit : null, sessions::remove);
            sessions.add(engineSession);
            return engineSession;
        } catch (ActiveMQException e) {
            if (session != null) {
                closeQuietly(session);
            }
            throw Failures.translate("opening a session", e);
        }
    }

    @Override
    public List<QueueInfo> queues() {
        return topology().list();
    }

    @Override
    public synchronized void close() {
        topology = null;
        for (ArtemisSession session : new ArrayList<>(sessions)) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("session did not close cleanly", e);
            }
        }
        sessions.clear();
        if (management != null) {
            management.close();
            management = null;
        }
        if (factory != null) {
            factory.close();
            factory = null;
        }
        if (locator != null) {
            locator.close();
            locator = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private QueueTopology topology() {
        QueueTopology started = topology;
        if (started == null) {
            throw new BrokerClosedException("artemis engine is not started (or already closed)");
        }
        return started;
    }

    private static ServerLocator locator(String url, boolean remote) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(url)
                .setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES)
                .setProducerWindowSize(PRODUCER_WINDOW_BYTES)
                .setBlockOnDurableSend(false)
                .setBlockOnNonDurableSend(false)
                .setAckBatchSize(0);
        if (remote) {
            locator.setReconnectAttempts(-1)
                    .setInitialConnectAttempts(INITIAL_CONNECT_ATTEMPTS)
                    .setRetryInterval(RETRY_INTERVAL_MS)
                    .setRetryIntervalMultiplier(2.0)
                    .setMaxRetryInterval(MAX_RETRY_INTERVAL_MS);
        }
        return locator;
    }

    private static void closeQuietly(ClientSession session) {
        try {
            session.close();
        } catch (ActiveMQException e) {
            LOG.debug("session did not close cleanly", e);
        }
    }
}
