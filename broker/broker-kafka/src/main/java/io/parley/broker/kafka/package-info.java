/** The Apache Kafka engine: queues on share groups, topics on consumer groups. */
package io.parley.broker.kafka;
