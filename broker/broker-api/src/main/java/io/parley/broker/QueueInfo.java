package io.parley.broker;

/**
 * A snapshot of one queue: messages waiting, consumers attached, and messages in its dead-letter queue.
 */
public record QueueInfo(String name, long depth, int consumers, long deadLetters) {
}
