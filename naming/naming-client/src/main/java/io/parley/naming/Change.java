package io.parley.naming;

/**
 * One change of a zone: the serial it produced, the name, {@code put} (with the new record) or
 * {@code delete} (record null). Incremental zone transfers and watches carry these.
 */
public record Change(long serial, String name, String op, NameRecord record) {

    public static final String PUT = "put";
    public static final String DELETE = "delete";
}
