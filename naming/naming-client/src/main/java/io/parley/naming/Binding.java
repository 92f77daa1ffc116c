package io.parley.naming;

/** A name and its record, as carried by a full zone transfer. */
public record Binding(String name, NameRecord record) {
}
