package io.parley.naming.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A name server as its own process, for the multi-process tests ({@link NamingProcess}):
 * {@code --data DIR --port N [--zone Z]... [--root URL]... [--secondary-of URL]... [--negative-ttl-ms N] [--refresh-ms N]}.
 * Prints {@code naming server ready http=URL} when it listens; SIGTERM closes it.
 */
public final class NamingServerMain {

    private NamingServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NamingServerConfig.Builder config = NamingServerConfig.builder();
        int port = 0;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--data" -> config.dataDirectory(Path.of(value));
                case "--port" -> port = Integer.parseInt(value);
                case "--zone" -> config.zone(value);
                case "--root" -> config.root(value);
                case "--secondary-of" -> config.secondaryOf(value);
                case "--negative-ttl-ms" -> config.negativeTtlMs(Long.parseLong(value));
                case "--refresh-ms" -> config.refreshInterval(Duration.ofMillis(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NamingServer server = NamingServer.start(config.build(), "localhost", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "naming-server-shutdown"));
        System.out.println("naming server ready http=" + server.url());
        System.out.flush();
        stopped.await();
    }
}
