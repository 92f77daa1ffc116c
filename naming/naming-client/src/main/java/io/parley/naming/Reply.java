package io.parley.naming;

/**
 * What a name server answers to one resolve request: an {@link Answer}, a {@link ReferralReply} (the
 * next server to ask, iterative mode) or {@link NotFound}. The JSON shapes are the HTTP contract:
 *
 * <pre>
 *   200 {"name", "record": {...}, "ttlMs", "zone", "authoritative", "stale", "chain": [{"name","record","ttlMs"}...]}
 *   200 {"name", "referral": {"zone", "servers": [...], "remaining", "ttlMs"}}
 *   404 {"error": "not-found", "message", "negativeTtlMs", "name", "zone", "chain": [...]}
 * </pre>
 */
public sealed interface Reply permits Answer, ReferralReply, NotFound {

    /** The name asked for. */
    String name();
}
