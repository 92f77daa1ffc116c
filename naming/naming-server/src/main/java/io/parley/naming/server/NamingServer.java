package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A standalone name server: a {@link NamingService} behind its own Grizzly + Jersey HTTP server, for
 * tests, benchmarks and deployments without a node.
 *
 * <pre>{@code
 * try (NamingServer root = NamingServer.start(NamingServerConfig.builder().zone("/").dataDirectory(dir).build(), "localhost", 0)) {
 *     Resolver resolver = Resolver.of(root.url());
 * }
 * }</pre>
 *
 * Thread-safe; owns the service and the HTTP server and closes both.
 */
public final class NamingServer implements AutoCloseable {

    private static final int WORKER_THREADS = 64;

    private final NamingService service;
    private final HttpServer http;
    private final String url;

    private NamingServer(NamingService service, HttpServer http, String url) {
        this.service = service;
        this.http = http;
        this.url = url;
    }

    /** Starts the service and listens on {@code host:port} (0 picks a free port). */
    public static NamingServer start(NamingServerConfig config, String host, int port) {
        return start(config, host, port, List.of());
    }

    /**
     * As {@link #start(NamingServerConfig, String, int)}, with further Jersey resources on the same HTTP
     * server (the benchmark's fixed-answer baseline shares the server, its workers and its JSON path).
     */
    public static NamingServer start(NamingServerConfig config, String host, int port, List<Object> extraResources) {
        NamingService service = NamingService.start(config);
        ResourceConfig application = service.register(new ResourceConfig());
        extraResources.forEach(application::register);
        application
                .register(new NamingExceptionMappers.Parley())
                .register(new NamingExceptionMappers.WebApplication())
                .register(new NamingExceptionMappers.Unexpected());
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + host + ":" + port + "/"), application, false);
        // recursive lookups wait on upstream servers and watches hold requests: more workers than cores
        http.getListener("grizzly").getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("naming-http").setCorePoolSize(WORKER_THREADS).setMaxPoolSize(WORKER_THREADS));
        // Grizzly closes a keep-alive connection after 256 requests by default; resolvers keep theirs open
        http.getListener("grizzly").getKeepAlive().setMaxRequestsCount(-1);
        try {
            http.start();
        } catch (IOException e) {
            http.shutdownNow();
            service.close();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "name server cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        String url = "http://" + host + ":" + http.getListener("grizzly").getPort();
        service.advertise(url);
        return new NamingServer(service, http, url);
    }

    /** {@code http://host:port} of this server. */
    public String url() {
        return url;
    }

    public NamingService service() {
        return service;
    }

    @Override
    public void close() {
        try {
            http.shutdownNow();
        } finally {
            service.close();
        }
    }
}
