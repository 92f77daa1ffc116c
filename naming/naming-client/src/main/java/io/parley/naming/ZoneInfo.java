package io.parley.naming;

/** One zone a server serves: its apex, role ({@code primary} or {@code secondary}), serial, primary's URL, negative TTL, record count. */
public record ZoneInfo(String zone, String role, long serial, String primary, long negativeTtlMs, int records) {
}
