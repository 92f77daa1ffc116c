package io.parley.naming;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The record a leaf name carries: its type, the addresses where the named thing is reached, how long
 * resolvers may cache it ({@code ttlMs}) and free attributes. A {@link RecordType#DELEGATION}'s
 * addresses are the base URLs ({@code http://host:port}) of the name servers of the zone it delegates.
 * Immutable; the compact constructor validates and names the offending field, value and rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NameRecord(RecordType type, List<String> addresses, long ttlMs, Map<String, String> attributes) {

    public static final long MAX_TTL_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int MAX_ADDRESSES = 64;
    public static final int MAX_ADDRESS_LENGTH = 1024;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1024;
    public static final String ATTRIBUTE_KEY_RULE = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile(ATTRIBUTE_KEY_RULE);

    public NameRecord {
        if (type == null) {
            throw new InvalidNameException("record field 'type' is missing; it must be one of " + RecordType.allowed());
        }
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (ttlMs < 0 || ttlMs > MAX_TTL_MS) {
            throw new InvalidNameException("record field 'ttlMs' is " + ttlMs + ", outside 0.." + MAX_TTL_MS + " (7 days)");
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new InvalidNameException("record has " + addresses.size() + " addresses, over the limit of " + MAX_ADDRESSES);
        }
        for (String address : addresses) {
            if (address == null || address.isBlank() || address.length() > MAX_ADDRESS_LENGTH) {
                throw new InvalidNameException("address '" + address + "' must be 1.." + MAX_ADDRESS_LENGTH + " non-blank characters");
            }
            if (type == RecordType.DELEGATION) {
                checkServerUrl(address);
            }
        }
        if (type == RecordType.DELEGATION && addresses.isEmpty()) {
            throw new InvalidNameException("a delegation record needs at least one address: the http(s) URL of a name server of the zone");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidNameException("record has " + attributes.size() + " attributes, over the limit of " + MAX_ATTRIBUTES);
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (!ATTRIBUTE_KEY.matcher(attribute.getKey()).matches()) {
                throw new InvalidNameException("attribute key '" + attribute.getKey() + "' breaks the rule " + ATTRIBUTE_KEY_RULE);
            }
            if (attribute.getValue().length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                throw new InvalidNameException("attribute '" + attribute.getKey() + "' is " + attribute.getValue().length()
                        + " characters, over the limit of " + MAX_ATTRIBUTE_VALUE_LENGTH);
            }
        }
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    /** A record of {@code type} with {@code addresses}, {@code ttlMs} and no attributes. */
    public static NameRecord of(RecordType type, long ttlMs, String... addresses) {
        return new NameRecord(type, List.of(addresses), ttlMs, Map.of());
    }

    /** A delegation of a zone to the name servers at {@code serverUrls}. */
    public static NameRecord delegation(long ttlMs, List<String> serverUrls) {
        return new NameRecord(RecordType.DELEGATION, serverUrls, ttlMs, Map.of());
    }

    private static void checkServerUrl(String address) {
        try {
            URI uri = URI.create(address);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // answered below with the rule
        }
        throw new InvalidNameException("delegation address '" + address + "' is no name server URL; the rule is http(s)://host:port");
    }
}
