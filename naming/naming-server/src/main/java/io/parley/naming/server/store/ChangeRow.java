package io.parley.naming.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One entry of a zone's change log as stored. Hibernate entity; not thread-safe. */
@Entity
@Table(name = "naming_change")
public class ChangeRow {

    /** (zone apex, serial): the key of a change. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "zone_apex")
        private String zoneApex;
        @Column(name = "serial")
        private long serial;

        protected Key() {
        }

        Key(String zoneApex, long serial) {
            this.zoneApex = zoneApex;
            this.serial = serial;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.serial == serial && key.zoneApex.equals(zoneApex);
        }

        @Override
        public int hashCode() {
            return Objects.hash(zoneApex, serial);
        }
    }

    @EmbeddedId
    private Key key;
    @Column(name = "name", nullable = false)
    private String name;
    @Column(name = "op", nullable = false)
    private String op;
    @Column(name = "record_json", length = 262144)
    private String recordJson;

    protected ChangeRow() {
    }

    ChangeRow(String zoneApex, long serial, String name, String op, String recordJson) {
        this.key = new Key(zoneApex, serial);
        this.name = name;
        this.op = op;
        this.recordJson = recordJson;
    }

    long serial() {
        return key.serial;
    }

    String name() {
        return name;
    }

    String op() {
        return op;
    }

    String recordJson() {
        return recordJson;
    }
}
