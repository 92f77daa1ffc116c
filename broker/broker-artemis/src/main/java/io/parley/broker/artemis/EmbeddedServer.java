package io.parley.broker.artemis;

import io.parley.broker.BrokerUnavailableException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.server.impl.ServiceRegistryImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.DiskFullMessagePolicy;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded Artemis server: persistence on (NIO journal under the data directory), security and
 * JMX off, one multi-protocol TCP acceptor (Core, AMQP 1.0, OpenWire) for outside clients and one
 * in-VM acceptor for the engine's own sessions.
 *
 * <p>Server-wide defaults (address match {@code #}): writes beyond the memory or disk limit fail
 * at once (address-full policy FAIL) instead of blocking producers; messages dead-lettered without
 * a queue-specific dead-letter queue go to {@value #DEFAULT_DEAD_LETTER_QUEUE}; expired messages
 * go to {@value QueueTopology#EXPIRED_QUEUE}, a ring queue keeping only the newest
 * {@value QueueTopology#EXPIRED_RING_SIZE}. Delivery counts are persisted before delivery, so a
 * crash counts as a delivery attempt.
 *
 * <p>Started and stopped by {@link ArtemisEngine} under its lock; not thread-safe on its own.
 */
final class EmbeddedServer {

    /** The queue Artemis dead-letters into when the address has no dead-letter queue of its own. */
    static final String DEFAULT_DEAD_LETTER_QUEUE = "DLQ";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
    private static final long EXPIRY_SCAN_PERIOD_MS = 1_000;
    private static final long PAGING_BATCH_NANOS = 1_000_000;

    private final ArtemisConfig config;
    private final int inVmId = IN_VM_IDS.incrementAndGet();
    private ActiveMQServer server;
    /** The server's paging executor (see {@link CoalescingExecutor}); the server shuts it down, and so does {@link #stop}. */
    private CoalescingExecutor paging;
    private int port;

    EmbeddedServer(ArtemisConfig config) {
        this.config = config;
    }

    void start() {
        port = config.messagingPort() == 0 ? freePort() : config.messagingPort();
        try {
            paging = new CoalescingExecutor("parley-artemis-paging-" + inVmId, PAGING_BATCH_NANOS);
            ServiceRegistryImpl services = new ServiceRegistryImpl();
            services.setPageExecutorService(paging);
            server = new ActiveMQServerImpl(configuration(), ManagementFactory.getPlatformMBeanServer(),
                    new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), new SecurityConfiguration()), null, services);
            server.start();
        } catch (Exception e) {
            stop();
            throw new BrokerUnavailableException("embedded Artemis failed to start on " + config.host() + ":" + port
                    + " with data directory " + config.dataDirectory() + ": " + e.getMessage(), e);
        }
        if (!server.isActive()) {
            stop();
            throw new BrokerUnavailableException("embedded Artemis did not become active on " + config.host() + ":" + port
                    + " (is the port in use, or the data directory locked by another server?)");
        }
        LOG.info("embedded Artemis {} started: messaging={} data={}", server.getVersion().getFullVersion(),
                messagingUrl(), config.dataDirectory());
    }

    void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("embedded Artemis did not stop cleanly", e);
            }
            server = null;
        }
        if (paging != null) {
            paging.shutdown();
            paging = null;
        }
    }

    /** The URL the engine's own sessions connect to. */
    String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** Which limit a full store has reached, with its configured value: the disk's or the memory's. */
    String fullStoreLimit() {
        ActiveMQServer running = server;
        if (running == null || running.getPagingManager() == null) {
            return "the embedded server is not running";
        }
        if (running.getPagingManager().isDiskFull()) {
            return "the disk of the server's data directory is above max-disk-usage " + config.maxDiskUsagePercent() + " %";
        }
        return "messages held in memory reached global-max-size " + running.getConfiguration().getGlobalMaxSize() + " bytes";
    }

    /** {@code tcp://HOST:PORT} with the advertised host and the port actually bound. */
    String messagingUrl() {
        return "tcp://" + config.advertisedHost() + ":" + port;
    }

    int port() {
        return port;
    }

    private Configuration configuration() throws Exception {
        Path data = config.dataDirectory();
        Configuration c = new ConfigurationImpl()
                .setName("parley")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setJournalSyncTransactional(config.journalSync())
                .setJournalSyncNonTransactional(config.journalSync())
                .setJournalDatasync(config.journalSync())
                .setJournalFileSize(config.journalFileSizeBytes())
                .setJournalBufferTimeout_NIO(config.journalBufferTimeoutNanos())
                .setMaxDiskUsage(config.maxDiskUsagePercent())
                .setIDCacheSize(config.duplicateIdCacheSize())
                .setPersistIDCache(true)
                .setPersistDeliveryCountBeforeDelivery(true)
                .setWildCardConfiguration(new WildcardConfiguration().setRoutingEnabled(true))
                .setMessageExpiryScanPeriod(EXPIRY_SCAN_PERIOD_MS)
                .addAcceptorConfiguration("in-vm", inVmUrl())
                .addAcceptorConfiguration("messaging", "tcp://" + config.host() + ":" + port
                        + "?protocols=CORE,AMQP,OPENWIRE")
                .addAddressSetting("#", defaultAddressSettings());
        if (config.globalMaxSizeBytes() != ArtemisConfig.ARTEMIS_DEFAULT) {
            c.setGlobalMaxSize(config.globalMaxSizeBytes());
        }
        return c;
    }

    private static AddressSettings defaultAddressSettings() {
        return new AddressSettings()
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL)
                // a disk above max-disk-usage refuses sends too; by default Artemis withholds producer
                // credits then, and every new producer waits in send for good
                .setDiskFullMessagePolicy(DiskFullMessagePolicy.FAIL)
                .setDeadLetterAddress(SimpleString.of(DEFAULT_DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(QueueTopology.EXPIRED_QUEUE))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerUnavailableException("no free TCP port for the messaging acceptor: " + e.getMessage(), e);
        }
    }
}
