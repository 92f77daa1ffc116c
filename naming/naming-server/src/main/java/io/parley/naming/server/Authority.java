package io.parley.naming.server;

import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.NotFound;
import io.parley.naming.RecordType;
import io.parley.naming.Referral;
import io.parley.naming.ReferralReply;
import io.parley.naming.Reply;

import java.util.List;

/**
 * Answers from this server's own zones only (one step of iterative resolution): the record if the
 * deepest zone holding the name has it, a referral if a delegation lies between the zone's apex and
 * the name, not-found with the zone's negative TTL otherwise; null if no zone here holds the name.
 * A name that IS a delegation point answers with the delegation record itself.
 *
 * <pre>
 *   zone /nl holds:  /nl/vu  delegation -> [http://vu:8080]
 *   lookup /nl/vu/cs/ftp  ->  referral {zone /nl/vu, servers [http://vu:8080], remaining cs/ftp}
 *   lookup /nl/vu         ->  answer (the delegation record)
 *   lookup /nl/uva        ->  not-found, negativeTtlMs of /nl
 * </pre>
 *
 * Stateless over {@link Zones}; thread-safe.
 */
final class Authority {

    private final Zones zones;

    Authority(Zones zones) {
        this.zones = zones;
    }

    Reply lookup(Name name) {
        Zone zone = zones.deepest(name);
        if (zone == null) {
            return null;
        }
        return lookup(zone, name);
    }

    static Reply lookup(Zone zone, Name name) {
        for (int depth = zone.apex().depth() + 1; depth < name.depth(); depth++) {
            Name cut = name.prefix(depth);
            NameRecord record = zone.record(cut);
            if (record != null && record.type() == RecordType.DELEGATION) {
                return new ReferralReply(name.toString(), new Referral(cut.toString(), record.addresses(),
                        name.relativeTo(cut), record.ttlMs()));
            }
        }
        NameRecord record = zone.record(name);
        if (record != null) {
            return new Answer(name.toString(), record, record.ttlMs(), zone.apex().toString(), true, false, List.of());
        }
        return NotFound.of(name.toString(), zone.apex().toString(), zone.negativeTtlMs(),
                "no record " + name + " in zone " + zone.apex(), List.of());
    }
}
