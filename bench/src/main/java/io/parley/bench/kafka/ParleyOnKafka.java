package io.parley.bench.kafka;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.Subscription;
import io.parley.broker.SyncPoint;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.broker.kafka.KafkaConfig;
import io.parley.broker.kafka.KafkaEngine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Parley's side: the broker client over the Kafka engine; one producer thread pipelining
 * {@code sendAsync(queue, message, STORED)}, one {@code notify} consumer (AT_LEAST_ONCE: the share
 * group's ACCEPT after the handler). Owns its engine and broker client.
 */
final class ParleyOnKafka implements KafkaSide {

    private final Broker broker;
    private final boolean copyBody;

    /** {@code copyBody}: build each message with {@link Message#of} (a copy of the payload) instead of {@link Message#wrap}. */
    ParleyOnKafka(String bootstrapServers, Path stateDirectory, boolean copyBody) {
        this.copyBody = copyBody;
        KafkaEngine engine = KafkaEngine.connect(KafkaConfig.of(bootstrapServers));
        engine.start();
        this.broker = Brokers.openOwning(engine, BrokerConfig.builder().clientId("bench").stateDirectory(stateDirectory).build());
    }

    @Override
    public String name() {
        return "parley";
    }

    @Override
    public String description() {
        return "Parley broker client on the Kafka engine: sendAsync(queue, msg, STORED) pipelined (idempotent producer, acks=all), "
                + "one notify() consumer, AT_LEAST_ONCE (share group, explicit ACCEPT after the handler), concurrency 1; messages built with "
                + (copyBody ? "Message.of (the payload copied per message)" : "Message.wrap (the payload not copied, as a ProducerRecord takes it)");
    }

    @Override
    public double run(String queue, int messages, byte[] payload, int window) throws Exception {
        broker.declareQueue(queue, QueueOptions.DEFAULT);
        Flow flow = new Flow(messages, window);
        Destination destination = Destination.queue(queue);
        try (Subscription consumer = broker.notify(queue, delivery -> flow.arrived(), ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE))) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                flow.beforeSend();
                Message message = copyBody ? Message.of(payload, Message.OCTET_STREAM) : Message.wrap(payload, Message.OCTET_STREAM);
                broker.sendAsync(destination, message, SyncPoint.STORED)
                        .whenComplete((receipt, error) -> flow.sendCompleted(error));
            }
            long end = flow.awaitAll(Duration.ofSeconds(60));
            return messages / ((end - start) / 1e9);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
