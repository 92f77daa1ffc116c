package io.parley.naming.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A zone as stored: apex, role, primary's URL (secondaries), serial, negative TTL. Hibernate entity; not thread-safe. */
@Entity
@Table(name = "naming_zone")
public class ZoneRow {

    @Id
    @Column(name = "apex")
    private String apex;
    @Column(name = "role", nullable = false)
    private String role;
    @Column(name = "primary_url")
    private String primaryUrl;
    @Column(name = "serial", nullable = false)
    private long serial;
    @Column(name = "negative_ttl_ms", nullable = false)
    private long negativeTtlMs;

    protected ZoneRow() {
    }

    public ZoneRow(String apex, String role, String primaryUrl, long serial, long negativeTtlMs) {
        this.apex = apex;
        this.role = role;
        this.primaryUrl = primaryUrl;
        this.serial = serial;
        this.negativeTtlMs = negativeTtlMs;
    }

    public String apex() {
        return apex;
    }

    public String role() {
        return role;
    }

    public String primaryUrl() {
        return primaryUrl;
    }

    public long serial() {
        return serial;
    }

    public long negativeTtlMs() {
        return negativeTtlMs;
    }

    void serial(long serial) {
        this.serial = serial;
    }

    void role(String role, String primaryUrl) {
        this.role = role;
        this.primaryUrl = primaryUrl;
    }

    void negativeTtlMs(long negativeTtlMs) {
        this.negativeTtlMs = negativeTtlMs;
    }
}
