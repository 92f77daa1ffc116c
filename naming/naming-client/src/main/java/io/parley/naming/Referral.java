package io.parley.naming;

import java.util.List;

/**
 * "Ask these servers": the zone that holds the rest of the name, the base URLs of its name servers,
 * the labels still to resolve below the zone ({@code cs/ftp}), and how long the delegation may be cached.
 */
public record Referral(String zone, List<String> servers, String remaining, long ttlMs) {

    public Referral {
        servers = List.copyOf(servers);
    }
}
