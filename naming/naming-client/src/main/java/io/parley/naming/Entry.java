package io.parley.naming;

/**
 * One resolved name with its record and the milliseconds it may still be cached: an element of the
 * chain a recursive resolution returns (every delegation crossed, then the answer).
 */
public record Entry(String name, NameRecord record, long ttlMs) {
}
