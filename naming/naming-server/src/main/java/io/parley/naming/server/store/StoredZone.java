package io.parley.naming.server.store;

import io.parley.naming.Change;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;

import java.util.List;
import java.util.Map;

/** A zone as loaded at start: its row, every record, and the tail of its change log (oldest first). */
public record StoredZone(Name apex, String role, String primaryUrl, long serial, long negativeTtlMs,
                         Map<Name, NameRecord> records, List<Change> changes) {
}
