package io.parley.naming;

import java.util.List;

/**
 * A watch answer: the changes under {@code path} in {@code zone} after the serial the watcher presented
 * (empty when the long poll timed out), and the zone's serial to present next time.
 */
public record WatchEvents(String path, String zone, long serial, List<Change> changes) {

    public WatchEvents {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
