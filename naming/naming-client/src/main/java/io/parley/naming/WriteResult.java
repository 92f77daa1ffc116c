package io.parley.naming;

/**
 * The answer to a bind: the name, the zone that holds it, the zone's serial after the write, the
 * version token to present on later reads, and whether the name was new (201) or replaced (200).
 */
public record WriteResult(String name, String zone, long serial, String version, boolean created) {

    public VersionToken token() {
        return VersionToken.parse(version);
    }
}
