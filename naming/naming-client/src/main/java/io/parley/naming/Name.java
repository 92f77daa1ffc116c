package io.parley.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An absolute name in Parley's name space: a path of labels from the root, written
 * {@code /nl/vu/cs/ftp}; the root itself is {@code /}. Labels follow {@code [a-z0-9-]{1,63}} and are
 * compared case-insensitively (a name is kept in lower case); a whole name is at most 255 characters.
 * Immutable and thread-safe; equal names have equal strings.
 */
public final class Name implements Comparable<Name> {

    public static final int MAX_LENGTH = 255;
    public static final String LABEL_RULE = "[a-z0-9-]{1,63}";
    private static final Pattern LABEL = Pattern.compile(LABEL_RULE);
    public static final Name ROOT = new Name(List.of(), "/");

    private final List<String> labels;
    private final String text;

    private Name(List<String> labels, String text) {
        this.labels = labels;
        this.text = text;
    }

    /**
     * Parses an absolute name. Throws {@link InvalidNameException} naming the offending label and
     * the rule, or the length and the limit.
     */
    public static Name parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidNameException("name is empty; a name is an absolute path such as /nl/vu/cs/ftp ('/' is the root)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidNameException("name '" + abbreviate(text) + "' is " + text.length()
                    + " characters, over the limit of " + MAX_LENGTH);
        }
        if (!text.startsWith("/")) {
            throw new InvalidNameException("name '" + text + "' is not absolute: it must start with '/' (e.g. /nl/vu/cs/ftp)");
        }
        if (text.equals("/")) {
            return ROOT;
        }
        String[] parts = text.substring(1).split("/", -1);
        List<String> labels = new ArrayList<>(parts.length);
        for (String part : parts) {
            labels.add(checkLabel(part, text));
        }
        return new Name(List.copyOf(labels), "/" + String.join("/", labels));
    }

    /** Parses a path relative to the root ({@code nl/vu}, as in URLs); empty means the root. */
    public static Name parseRelativeToRoot(String path) {
        String trimmed = path == null ? "" : path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        return parse("/" + trimmed);
    }

    private static String checkLabel(String label, String name) {
        String lower = label.toLowerCase(Locale.ROOT);
        if (!LABEL.matcher(lower).matches()) {
            throw new InvalidNameException("label '" + label + "' of name '" + abbreviate(name) + "' breaks the rule "
                    + LABEL_RULE + " (letters, digits and '-', 1 to 63 characters, compared case-insensitively)");
        }
        return lower;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    public List<String> labels() {
        return labels;
    }

    public int depth() {
        return labels.size();
    }

    public boolean isRoot() {
        return labels.isEmpty();
    }

    /** This name followed by {@code label}. */
    public Name child(String label) {
        return parse(isRoot() ? "/" + label : text + "/" + label);
    }

    /** The first {@code depth} labels of this name. */
    public Name prefix(int depth) {
        if (depth < 0 || depth > labels.size()) {
            throw new IllegalArgumentException("depth " + depth + " outside 0.." + labels.size());
        }
        List<String> head = labels.subList(0, depth);
        return depth == 0 ? ROOT : new Name(List.copyOf(head), "/" + String.join("/", head));
    }

    public Name parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return prefix(labels.size() - 1);
    }

    /** True if this name equals {@code ancestor} or lies below it. */
    public boolean isWithin(Name ancestor) {
        return ancestor.labels.size() <= labels.size() && labels.subList(0, ancestor.labels.size()).equals(ancestor.labels);
    }

    /** The labels below {@code ancestor}, joined by '/' ({@code vu/cs/ftp} for /nl/vu/cs/ftp within /nl). */
    public String relativeTo(Name ancestor) {
        if (!isWithin(ancestor)) {
            throw new IllegalArgumentException(text + " is not within " + ancestor);
        }
        return String.join("/", labels.subList(ancestor.labels.size(), labels.size()));
    }

    /** The path part of a URL for this name, without the leading '/': {@code nl/vu}; empty for the root. */
    public String urlPath() {
        return text.substring(1);
    }

    @Override
    public int compareTo(Name other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Name name && name.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
