package io.parley.naming;

import java.util.List;

/**
 * A primary's answer to {@code GET /v1/zones/{zone}/changes?fromSerial=N}: either incremental (the
 * changes after N, in serial order) or, when N is 0 or older than the primary's change log, full (every
 * binding at {@code serial}).
 */
public record ZoneTransfer(String zone, long serial, boolean full, long negativeTtlMs, List<Binding> records,
                           List<Change> changes) {

    public ZoneTransfer {
        records = records == null ? List.of() : List.copyOf(records);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
