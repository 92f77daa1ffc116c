package io.parley.naming.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One bound name as stored (addresses and attributes as JSON). Hibernate entity; not thread-safe. */
@Entity
@Table(name = "naming_record")
public class RecordRow {

    @Id
    @Column(name = "name")
    private String name;
    @Column(name = "zone_apex", nullable = false)
    private String zoneApex;
    @Column(name = "record_type", nullable = false)
    private String recordType;
    @Column(name = "ttl_ms", nullable = false)
    private long ttlMs;
    @Column(name = "addresses_json", nullable = false, length = 262144)
    private String addressesJson;
    @Column(name = "attributes_json", nullable = false, length = 262144)
    private String attributesJson;
    @Column(name = "serial", nullable = false)
    private long serial;

    protected RecordRow() {
    }

    RecordRow(String name, String zoneApex, String recordType, long ttlMs, String addressesJson, String attributesJson, long serial) {
        this.name = name;
        this.zoneApex = zoneApex;
        this.recordType = recordType;
        this.ttlMs = ttlMs;
        this.addressesJson = addressesJson;
        this.attributesJson = attributesJson;
        this.serial = serial;
    }

    String name() {
        return name;
    }

    String recordType() {
        return recordType;
    }

    long ttlMs() {
        return ttlMs;
    }

    String addressesJson() {
        return addressesJson;
    }

    String attributesJson() {
        return attributesJson;
    }
}
