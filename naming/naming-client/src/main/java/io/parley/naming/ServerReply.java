package io.parley.naming;

/** A {@link Reply} as one server sent it, with the server's URL and its {@code Parley-Cache} header. */
public record ServerReply(String server, Reply reply, CacheStatus cache) {
}
