package io.parley.naming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * "I have seen zone Z at serial S": returned by every write ({@code /nl@17}), presented on later reads
 * so that a secondary answers only once it holds that serial (read-your-writes).
 */
public record VersionToken(Name zone, long serial) {

    public static VersionToken parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0) {
            throw new InvalidNameException("version token '" + text + "' is not of the form /zone@serial");
        }
        try {
            long serial = Long.parseLong(text.substring(at + 1).trim());
            if (serial < 0) {
                throw new NumberFormatException();
            }
            return new VersionToken(Name.parse(text.substring(0, at).trim()), serial);
        } catch (NumberFormatException e) {
            throw new InvalidNameException("version token '" + text + "' has no serial >= 0 after '@'");
        }
    }

    /** Parses a header value of comma-separated tokens; null or blank is none. */
    public static List<VersionToken> parseAll(String header) {
        List<VersionToken> tokens = new ArrayList<>();
        if (header != null && !header.isBlank()) {
            for (String part : header.split(",")) {
                tokens.add(parse(part.trim()));
            }
        }
        return tokens;
    }

    public static String format(Collection<VersionToken> tokens) {
        return tokens.stream().map(VersionToken::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return zone + "@" + serial;
    }
}
