package io.parley.broker;

import java.util.regex.Pattern;

/**
 * Where a message goes: a {@link Queue} (point-to-point, competing consumers) or a {@link Topic}
 * (publish/subscribe). Destinations are values; two with the same kind and name are equal.
 *
 * <p>Names are {@value #NAME_RULE}. A topic name is a dot-separated list of words
 * ({@code orders.eu.nl}); a topic <em>pattern</em>, accepted only where a subscription is made,
 * may use {@code *} for exactly one word and {@code #} for any tail of words
 * ({@code orders.*.nl}, {@code orders.#}).
 */
public sealed interface Destination permits Destination.Queue, Destination.Topic {

    /** The rule every queue and topic name follows, as error messages quote it. */
    String NAME_RULE = "1 to 200 characters of [A-Za-z0-9._-]";

    /** The longest name accepted. */
    int MAX_NAME_LENGTH = 200;

    String name();

    /** A point-to-point destination; each message goes to one of its consumers. */
    static Queue queue(String name) {
        return new Queue(name);
    }

    /** A publish/subscribe destination; each message goes to every subscription that matches. */
    static Topic topic(String name) {
        return new Topic(name);
    }

    /** A queue. */
    record Queue(String name) implements Destination {
        public Queue {
            Names.checkName("queue", name);
        }

        @Override
        public String toString() {
            return "queue:" + name;
        }
    }

    /** A topic name, or a topic pattern with {@code *} and {@code #} words. */
    record Topic(String name) implements Destination {
        public Topic {
            Names.checkTopic(name);
        }

        /** Whether this is a pattern (contains a {@code *} or {@code #} word) rather than a plain topic. */
        public boolean isPattern() {
            for (String word : name.split("\\.", -1)) {
                if (word.equals("*") || word.equals("#")) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the plain topic {@code topic} matches this name or pattern. */
        public boolean matches(String topic) {
            return matchWords(name.split("\\.", -1), 0, topic.split("\\.", -1), 0);
        }

        private static boolean matchWords(String[] pattern, int p, String[] words, int w) {
            if (p == pattern.length) {
                return w == words.length;
            }
            if (pattern[p].equals("#")) {
                for (int rest = w; rest <= words.length; rest++) {
                    if (matchWords(pattern, p + 1, words, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (w == words.length) {
                return false;
            }
            return (pattern[p].equals("*") || pattern[p].equals(words[w])) && matchWords(pattern, p + 1, words, w + 1);
        }

        @Override
        public String toString() {
            return "topic:" + name;
        }
    }

    /** Parses {@code queue:NAME} or {@code topic:NAME}, the form {@link #toString()} prints. */
    static Destination parse(String text) {
        if (text.startsWith("queue:")) {
            return queue(text.substring("queue:".length()));
        }
        if (text.startsWith("topic:")) {
            return topic(text.substring("topic:".length()));
        }
        throw new InvalidDestinationException("destination '" + text + "' must start with 'queue:' or 'topic:'");
    }

    /** Name validation shared by both kinds. */
    final class Names {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
        private static final Pattern TOPIC_WORD = Pattern.compile("[A-Za-z0-9_-]+|\\*|#");

        private Names() {
        }

        static void checkName(String kind, String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidDestinationException(kind + " name '" + name + "' is invalid: allowed are " + NAME_RULE);
            }
        }

        static void checkTopic(String name) {
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw new InvalidDestinationException("topic name '" + name + "' is invalid: allowed are " + NAME_RULE
                        + ", words separated by '.', with '*' (one word) and '#' (any tail) in patterns");
            }
            for (String word : name.split("\\.", -1)) {
                if (!TOPIC_WORD.matcher(word).matches()) {
                    throw new InvalidDestinationException("topic name '" + name + "' has an invalid word '" + word
                            + "': words are [A-Za-z0-9_-]+, or '*' (one word) or '#' (any tail) in patterns");
                }
            }
        }
    }
}
