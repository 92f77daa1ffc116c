package io.parley.broker.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.broker.Broker;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP gateway over one {@link Broker}: its Jersey resources, ready to be hosted by any Jersey
 * container (the node hosts it on Grizzly).
 *
 * <pre>{@code
 * Gateway gateway = Gateway.create(broker, prometheusRegistry, GatewayConfig.defaults());
 * HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, gateway.resourceConfig());
 * ...
 * server.shutdownNow(); gateway.close(); broker.close();
 * }</pre>
 *
 * <p>Ownership: the gateway owns its threads (pollers, visibility timer, workers, queue queries) and the receipt
 * table; it does not own the broker or the registry. {@link #close()} gives every outstanding
 * receipt's message back to its queue; close the HTTP server first. Thread-safe.
 */
public final class Gateway implements AutoCloseable {

    private final ExecutorService workers;
    private final Receipts receipts;
    private final QueueSnapshots snapshots;
    private final ResourceConfig resourceConfig;

    private Gateway(Broker broker, PrometheusMeterRegistry registry, GatewayConfig config) {
        GatewayMetrics metrics = new GatewayMetrics(registry);
        this.snapshots = new QueueSnapshots(broker);
        this.workers = Threads.fixedPool("parley-gateway-worker", Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.receipts = new Receipts(broker, config, metrics, workers);
        BodyReader bodyReader = new BodyReader(config.maxMessageBytes());
        Sender sender = new Sender(broker, metrics, workers);
        this.resourceConfig = baseApplication()
                .register(new QueueResource(snapshots, bodyReader, sender, receipts))
                .register(new TopicResource(bodyReader, sender))
                .register(new HealthResource(snapshots))
                .register(new MetricsResource(registry, metrics, snapshots));
    }

    /**
     * A Jersey application with Parley's HTTP conventions and no resources yet: Jackson JSON, every
     * error answered as {@code {"error": "<code>", "message": "..."}} (a {@code ParleyException} with
     * its code's status, a bad {@code Content-Type} 400, anything unexpected 500), no WADL. The
     * gateway's own application starts from it; a node adds its other services' resources to it.
     */
    public static ResourceConfig baseApplication() {
        return new ResourceConfig()
                .register(JacksonFeature.class)
                .register(ParleyExceptionMapper.class)
                .register(WebApplicationExceptionMapper.class)
                .register(UnexpectedExceptionMapper.class)
                .register(ContentTypeCheck.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }

    public static Gateway create(Broker broker, PrometheusMeterRegistry registry, GatewayConfig config) {
        return new Gateway(broker, registry, config);
    }

    /** The Jersey application to host. */
    public ResourceConfig resourceConfig() {
        return resourceConfig;
    }

    /** Receipts handed out and not yet acknowledged or expired. */
    public int outstandingReceipts() {
        return receipts.outstanding();
    }

    @Override
    public void close() {
        receipts.close();
        snapshots.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
