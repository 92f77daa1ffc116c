package io.parley.naming.server;

import io.parley.naming.Name;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The zones this server serves, by apex; finds the deepest zone holding a name. Thread-safe. */
final class Zones {

    private final Map<Name, Zone> byApex = new ConcurrentHashMap<>();

    void add(Zone zone) {
        byApex.put(zone.apex(), zone);
    }

    Zone get(Name apex) {
        return byApex.get(apex);
    }

    /** The deepest zone whose apex is {@code name} or one of its ancestors; null if none. */
    Zone deepest(Name name) {
        for (int depth = name.depth(); depth >= 0; depth--) {
            Zone zone = byApex.get(name.prefix(depth));
            if (zone != null) {
                return zone;
            }
        }
        return null;
    }

    List<Zone> all() {
        return byApex.values().stream().sorted((a, b) -> a.apex().compareTo(b.apex())).toList();
    }
}
