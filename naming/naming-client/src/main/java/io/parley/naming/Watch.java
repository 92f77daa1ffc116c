package io.parley.naming;

import io.parley.common.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A running watch: one daemon thread long-polling {@code GET /v1/watch/{path}} and handing every change
 * to a listener, in serial order. It starts from the zone's serial at the first answer (changes before
 * the watch are not replayed); after a failure it retries every second. When the server says changes
 * were missed (its log was truncated), the resolver's cache is dropped. Thread-safe; {@link #close()} stops it.
 */
public final class Watch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    private final NamingClient client;
    private final Name path;
    private final Consumer<Change> listener;
    private final Duration wait;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long serial = -1;

    private final Runnable onTruncated;

    Watch(NamingClient client, Name path, Consumer<Change> listener, Runnable onTruncated, Duration wait) {
        this.client = client;
        this.path = path;
        this.listener = listener;
        this.onTruncated = onTruncated;
        this.wait = wait;
        this.thread = new Thread(this::run, "naming-watch-" + path);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The zone serial this watch has seen up to; -1 before the server's first answer. */
    public long serial() {
        return serial;
    }

    private void run() {
        while (!closed) {
            try {
                WatchEvents events = client.watch(path, serial, serial < 0 ? Duration.ZERO : wait);
                if (events.truncated()) {
                    onTruncated.run();
                }
                for (Change change : events.changes()) {
                    if (change.serial() > serial) {
                        listener.accept(change);
                    }
                }
                serial = Math.max(serial, events.serial());
            } catch (ParleyException e) {
                if (closed) {
                    return;
                }
                LOG.debug("watch of {} at {} failed, retrying in 1 s: {}", path, client.server(), e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
