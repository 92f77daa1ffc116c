package io.parley.naming;

import java.util.List;

/**
 * A watch answer: the changes under {@code path} in {@code zone} after the serial the watcher presented
 * (empty when the long poll timed out), and the zone's serial to present next time. {@code truncated}
 * says the server's change log no longer reaches back to the presented serial (or the zone was
 * replaced by a full transfer): changes were missed, and the watcher should re-read what it holds.
 */
public record WatchEvents(String path, String zone, long serial, List<Change> changes, boolean truncated) {

    public WatchEvents {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
