package io.parley.broker.core;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Transaction;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineConsumer;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.EngineSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * A local transaction on one transacted engine session: acknowledgements of received messages and
 * sends commit together. Sync notices of received messages (PROCESSED) go out only after commit.
 * Not thread-safe; lives for one {@code inTransaction} call.
 */
final class LocalTransaction implements Transaction {

    private final EngineSession session;
    private final ClientServices services;
    private final BiFunction<Destination, Message, Message> prepare;
    private final Map<String, EngineConsumer> consumers = new HashMap<>();
    private final List<Message> received = new ArrayList<>();

    LocalTransaction(EngineSession session, ClientServices services, BiFunction<Destination, Message, Message> prepare) {
        this.session = session;
        this.services = services;
        this.prepare = prepare;
    }

    @Override
    public Optional<Message> receive(String queue, Duration wait) {
        Destination.queue(queue);
        EngineConsumer consumer = consumers.computeIfAbsent(queue, q -> session.consumer(ConsumerSpec.queue(q, 0)));
        EngineDelivery delivery = consumer.receive(wait);
        if (delivery == null) {
            return Optional.empty();
        }
        Message message = delivery.message();
        services.clock().witness(message.lamport().orElse(services.clock().current()));
        services.metrics().received(queue, message.deliveryCount());
        services.notices().taken(message);
        delivery.ack();
        received.add(message);
        return Optional.of(message);
    }

    @Override
    public void send(Destination destination, Message message) {
        try {
            session.send(destination, prepare.apply(destination, message)).join();
        } catch (CompletionException e) {
            // the engine's own exception (StoreFullException, ...), not the future's wrapper
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    void commit() {
        session.commit();
        closeConsumers();
        received.forEach(services.notices()::processed);
    }

    void rollback() {
        try {
            session.rollback();
        } finally {
            closeConsumers();
        }
    }

    private void closeConsumers() {
        consumers.values().forEach(EngineConsumer::close);
        consumers.clear();
    }
}
