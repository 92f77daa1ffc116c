package io.parley.naming.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.Binding;
import io.parley.naming.Change;
import io.parley.naming.Name;
import io.parley.naming.NameRecord;
import io.parley.naming.RecordType;
import io.parley.naming.internal.NamingJson;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable state of a name server through Hibernate ORM: zones with their serials, records, and
 * each zone's change log. Flyway creates and migrates the schema ({@code db/naming/V*.sql}) before
 * Hibernate starts, which then only validates it. Every write is one transaction: the zone's serial,
 * the record and the change log entry move together, so a restart finds zones and serials as they
 * were acknowledged.
 *
 * <p>Thread-safe (Hibernate's {@link SessionFactory} and a Hikari pool); callers serialize writes per
 * zone. Owns the pool and the session factory; {@link #close()} releases them.
 */
public final class ZoneStore implements AutoCloseable {

    private static final TypeReference<List<String>> ADDRESSES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final HikariDataSource dataSource;
    private final SessionFactory sessions;

    private ZoneStore(HikariDataSource dataSource, SessionFactory sessions) {
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /** Migrates the schema and opens the store; throws {@link ErrorCode#UNAVAILABLE} naming the URL if the database is unreachable. */
    public static ZoneStore open(StorageConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.jdbcUrl());
        pool.setUsername(config.user());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.maxPoolSize());
        pool.setPoolName("naming-store");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, "naming storage " + config.jdbcUrl() + " is unreachable: " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/naming")
                    .table("naming_schema_history").load().migrate();
            Configuration hibernate = new Configuration()
                    .addAnnotatedClass(ZoneRow.class)
                    .addAnnotatedClass(RecordRow.class)
                    .addAnnotatedClass(ChangeRow.class)
                    .setProperty(AvailableSettings.HBM2DDL_AUTO, "validate")
                    .setProperty(AvailableSettings.SHOW_SQL, false);
            hibernate.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
            SessionFactory sessions = hibernate.buildSessionFactory();
            return new ZoneStore(dataSource, sessions);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "naming storage " + config.jdbcUrl() + " cannot start: " + e.getMessage(), e);
        }
    }

    /** Every stored zone with its records and the last {@code changeLogLimit} changes. */
    public List<StoredZone> loadZones(int changeLogLimit) {
        return sessions.fromTransaction(session -> {
            List<StoredZone> zones = new ArrayList<>();
            for (ZoneRow zone : session.createSelectionQuery("from ZoneRow order by apex", ZoneRow.class).getResultList()) {
                Map<Name, NameRecord> records = new HashMap<>();
                for (RecordRow row : session.createSelectionQuery("from RecordRow where zoneApex = :zone", RecordRow.class)
                        .setParameter("zone", zone.apex()).getResultList()) {
                    records.put(Name.parse(row.name()), toRecord(row));
                }
                List<ChangeRow> tail = session.createSelectionQuery(
                                "from ChangeRow where key.zoneApex = :zone order by key.serial desc", ChangeRow.class)
                        .setParameter("zone", zone.apex()).setMaxResults(changeLogLimit).getResultList();
                List<Change> changes = new ArrayList<>();
                for (int i = tail.size() - 1; i >= 0; i--) {
                    ChangeRow row = tail.get(i);
                    changes.add(new Change(row.serial(), row.name(), row.op(), row.recordJson() == null ? null
                            : read(row.recordJson(), NameRecord.class)));
                }
                zones.add(new StoredZone(Name.parse(zone.apex()), zone.role(), zone.primaryUrl(), zone.serial(),
                        zone.negativeTtlMs(), records, changes));
            }
            return zones;
        });
    }

    /** Creates the zone at serial 0 if it does not exist; otherwise updates its role, primary and negative TTL. */
    public void ensureZone(Name apex, String role, String primaryUrl, long negativeTtlMs) {
        sessions.inTransaction(session -> {
            ZoneRow zone = session.find(ZoneRow.class, apex.toString());
            if (zone == null) {
                session.persist(new ZoneRow(apex.toString(), role, primaryUrl, 0, negativeTtlMs));
            } else {
                zone.role(role, primaryUrl);
                zone.negativeTtlMs(negativeTtlMs);
            }
        });
    }

    /** Applies {@code changes} (consecutive serials) to the zone in one transaction and trims its log to {@code changeLogLimit}. */
    public void append(Name apex, List<Change> changes, int changeLogLimit) {
        if (changes.isEmpty()) {
            return;
        }
        sessions.inTransaction(session -> {
            ZoneRow zone = zoneRow(session, apex);
            for (Change change : changes) {
                applyRecord(session, apex, change);
                session.persist(new ChangeRow(apex.toString(), change.serial(), change.name(), change.op(),
                        change.record() == null ? null : write(change.record())));
                zone.serial(change.serial());
            }
            trim(session, apex, zone.serial() - changeLogLimit);
        });
    }

    /** Replaces every record of the zone with {@code bindings} at {@code serial} (a full transfer); the change log restarts empty. */
    public void replace(Name apex, long serial, long negativeTtlMs, List<Binding> bindings) {
        sessions.inTransaction(session -> {
            ZoneRow zone = zoneRow(session, apex);
            session.createMutationQuery("delete from RecordRow where zoneApex = :zone").setParameter("zone", apex.toString()).executeUpdate();
            session.createMutationQuery("delete from ChangeRow where key.zoneApex = :zone").setParameter("zone", apex.toString()).executeUpdate();
            session.flush();
            for (Binding binding : bindings) {
                session.persist(toRow(binding.name(), apex, binding.record(), serial));
            }
            zone.serial(serial);
            zone.negativeTtlMs(negativeTtlMs);
        });
    }

    private static ZoneRow zoneRow(Session session, Name apex) {
        ZoneRow zone = session.find(ZoneRow.class, apex.toString());
        if (zone == null) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "zone " + apex + " is not stored");
        }
        return zone;
    }

    private static void applyRecord(Session session, Name apex, Change change) {
        RecordRow existing = session.find(RecordRow.class, change.name());
        if (existing != null) {
            session.remove(existing);
            session.flush();
        }
        if (Change.PUT.equals(change.op())) {
            session.persist(toRow(change.name(), apex, change.record(), change.serial()));
        }
    }

    private static void trim(Session session, Name apex, long belowSerial) {
        if (belowSerial > 0) {
            session.createMutationQuery("delete from ChangeRow where key.zoneApex = :zone and key.serial <= :serial")
                    .setParameter("zone", apex.toString()).setParameter("serial", belowSerial).executeUpdate();
        }
    }

    private static RecordRow toRow(String name, Name apex, NameRecord record, long serial) {
        return new RecordRow(name, apex.toString(), record.type().wireName(), record.ttlMs(), write(record.addresses()),
                write(record.attributes()), serial);
    }

    private static NameRecord toRecord(RecordRow row) {
        return new NameRecord(RecordType.of(row.recordType()), read(row.addressesJson(), ADDRESSES), row.ttlMs(),
                read(row.attributesJson(), ATTRIBUTES));
    }

    private static String write(Object value) {
        try {
            return NamingJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "cannot store " + value + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return NamingJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "unreadable stored value " + json + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return NamingJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "unreadable stored value " + json + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            dataSource.close();
        }
    }
}
