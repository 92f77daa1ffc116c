package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.Destination;

import java.util.regex.Pattern;

/**
 * How Parley's destinations map onto Kafka names. Queues and topics live in separate prefixes so a
 * queue and a topic of one name never share a Kafka topic:
 *
 * <pre>
 *   queue  orders            -> Kafka topic  queue.orders       share group     parley.queue.orders
 *   dead letters of orders   -> Kafka topic  queue.orders.DLQ   share group     parley.queue.orders.DLQ
 *   topic  orders.eu         -> Kafka topic  topic.orders.eu
 *   durable subscription s   -> consumer group parley.subscription.s
 *   pattern orders.*         -> regex ^topic\.orders\.[A-Za-z0-9_-]+$    orders.# -> ^topic\.orders(\..+)?$
 * </pre>
 *
 * Stateless.
 */
final class KafkaNames {

    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";

    private KafkaNames() {
    }

    static String topicOf(Destination destination) {
        return destination instanceof Destination.Queue q ? queueTopic(q.name()) : TOPIC_PREFIX + destination.name();
    }

    static String queueTopic(String queue) {
        return QUEUE_PREFIX + queue;
    }

    static String deadLetterTopic(String queue) {
        return queueTopic(Broker.deadLetterQueue(queue));
    }

    static String shareGroup(String queue) {
        return "parley.queue." + queue;
    }

    static String subscriptionGroup(String durableName) {
        return "parley.subscription." + durableName;
    }

    /** The queue a Kafka topic holds, or {@code null} if it is no queue's topic. */
    static String queueOf(String kafkaTopic) {
        return kafkaTopic.startsWith(QUEUE_PREFIX) ? kafkaTopic.substring(QUEUE_PREFIX.length()) : null;
    }

    /** The Parley topic a Kafka topic holds, or {@code null}. */
    static String parleyTopicOf(String kafkaTopic) {
        return kafkaTopic.startsWith(TOPIC_PREFIX) ? kafkaTopic.substring(TOPIC_PREFIX.length()) : null;
    }

    /** The regular expression over Kafka topic names that a Parley topic pattern ({@code *}, {@code #}) means. */
    static Pattern topicPattern(Destination.Topic topic) {
        // each word is matched with the dot before it, so '#' (zero or more words) needs no special separator
        StringBuilder regex = new StringBuilder("^").append(Pattern.quote(TOPIC_PREFIX.substring(0, TOPIC_PREFIX.length() - 1)));
        for (String word : topic.name().split("\\.")) {
            switch (word) {
                case "#" -> regex.append("(\\.[A-Za-z0-9_-]+)*");
                case "*" -> regex.append("\\.[A-Za-z0-9_-]+");
                default -> regex.append("\\.").append(Pattern.quote(word));
            }
        }
        return Pattern.compile(regex.append("$").toString());
    }
}
