package io.parley.naming.server;

import io.parley.naming.CacheStatus;
import io.parley.naming.Reply;

/** A reply and where it came from, as a resource sends it (the body and the {@code Parley-Cache} header). */
record Outcome(Reply reply, CacheStatus cache) {
}
