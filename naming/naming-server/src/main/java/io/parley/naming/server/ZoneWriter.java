package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.Change;
import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.RecordType;
import io.parley.naming.VersionToken;
import io.parley.naming.WriteResult;
import io.parley.naming.server.store.ZoneStore;

import java.util.List;

/**
 * Writes at a primary: each bind or unbind becomes the next serial of the name's zone, stored (record,
 * serial and change log in one transaction) before it is applied in memory and answered.
 * Thread-safe; writes to one zone are serialized on the zone's monitor.
 */
final class ZoneWriter {

    private final Zones zones;
    private final ZoneStore store;
    private final int changeLogLimit;

    ZoneWriter(Zones zones, ZoneStore store, int changeLogLimit) {
        this.zones = zones;
        this.store = store;
        this.changeLogLimit = changeLogLimit;
    }

    WriteResult bind(Name name, NameRecord record) {
        Zone zone = primaryZoneOf(name);
        if (name.equals(zone.apex()) && record.type() == RecordType.DELEGATION) {
            throw new InvalidNameException("name " + name + " is the apex of zone " + zone.apex()
                    + " served here; a delegation belongs in the parent zone");
        }
        synchronized (zone) {
            boolean created = zone.record(name) == null;
            Change change = new Change(zone.serial() + 1, name.toString(), Change.PUT, record);
            store.append(zone.apex(), List.of(change), changeLogLimit);
            zone.apply(List.of(change));
            return new WriteResult(name.toString(), zone.apex().toString(), change.serial(),
                    new VersionToken(zone.apex(), change.serial()).toString(), created);
        }
    }

    VersionToken unbind(Name name) {
        Zone zone = primaryZoneOf(name);
        synchronized (zone) {
            if (zone.record(name) == null) {
                throw new ParleyException(ErrorCode.NOT_FOUND, "no record " + name + " in zone " + zone.apex() + " to delete");
            }
            Change change = new Change(zone.serial() + 1, name.toString(), Change.DELETE, null);
            store.append(zone.apex(), List.of(change), changeLogLimit);
            zone.apply(List.of(change));
            return new VersionToken(zone.apex(), change.serial());
        }
    }

    private Zone primaryZoneOf(Name name) {
        Zone zone = zones.deepest(name);
        if (zone == null) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "no zone served here holds " + name + "; zones served: "
                    + zones.all().stream().map(z -> z.apex().toString()).toList());
        }
        if (zone.role() != ZoneRole.PRIMARY) {
            throw new NotPrimaryException(zone.apex().toString(), zone.primaryUrl());
        }
        for (int depth = zone.apex().depth() + 1; depth < name.depth(); depth++) {
            NameRecord above = zone.record(name.prefix(depth));
            if (above != null && above.type() == RecordType.DELEGATION) {
                throw new InvalidNameException("name " + name + " lies below the delegation " + name.prefix(depth)
                        + " to " + above.addresses() + "; write it at the servers of that zone");
            }
        }
        return zone;
    }
}
