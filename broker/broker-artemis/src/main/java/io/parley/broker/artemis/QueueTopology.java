package io.parley.broker.artemis;

import io.parley.broker.Destination;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.QueueInfo;
import io.parley.broker.QueueOptions;
import io.parley.broker.RedeliveryPolicy;
import io.parley.broker.spi.QueueSpec;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's addresses and queues on the Artemis server, and their per-queue settings.
 *
 * <pre>
 *   Parley                 Artemis
 *   queue Q                ANYCAST address Q + durable queue Q
 *                          address settings for Q: max-delivery-attempts = maxDeliveries,
 *                          redelivery-delay / -multiplier / max-redelivery-delay = back-off,
 *                          dead-letter-address = Q.DLQ, address-full-policy FAIL
 *                          expiry-address = parley.expired (a ring queue of the newest 10,000)
 *   its dead letters       ANYCAST address Q.DLQ + durable queue Q.DLQ (never dead-lettered again)
 *   temporary queue T      non-durable temporary queue T, deleted with the engine's connection
 *                          or when its last consumer leaves; server-wide settings apply
 *   topic t                MULTICAST address t, created on first send
 *   live subscription      non-durable temporary queue parley.live.UUID on address t (or a
 *                          pattern such as orders.#), deleted when its consumer closes
 *   durable subscription   durable MULTICAST queue named after the subscription on t
 * </pre>
 *
 * Settings go through management operations (persisted by the server, and applied the same way
 * to a remote server). Thread-safe: Artemis calls are serialised by {@link Management}.
 */
final class QueueTopology {

    static final String DLQ_SUFFIX = ".DLQ";
    static final String LIVE_SUBSCRIPTION_PREFIX = "parley.live.";
    /** Where expired messages go: a ring queue, so it never holds more than the newest few. */
    static final String EXPIRED_QUEUE = "parley.expired";
    static final long EXPIRED_RING_SIZE = 10_000;
    private static final List<String> INTERNAL_PREFIXES = List.of("parley.", "activemq.", "$");
    private static final Logger LOG = LoggerFactory.getLogger(QueueTopology.class);

    private final Management management;
    private final Map<String, QueueOptions> declared = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxDeliveriesSeen = new ConcurrentHashMap<>();
    private final Set<String> knownAddresses = ConcurrentHashMap.newKeySet();

    QueueTopology(Management management) {
        this.management = management;
    }

    /** Creates the queue, its dead-letter queue and its settings if absent, or updates the settings. */
    void declare(QueueSpec spec) {
        String name = spec.name();
        if (spec.temporary()) {
            createIfAbsent(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false).setTemporary(true).setAutoCreateAddress(true)
                    .setAutoDelete(true).setAutoDeleteDelay(0L).setAutoDeleteMessageCount(-1L));
            knownAddresses.add(name);
            return;
        }
        String deadLetters = deadLetterQueueOf(name);
        management.broker("addAddressSettings", name, settings(spec.options(), deadLetters).toJSON());
        management.broker("addAddressSettings", deadLetters, new AddressSettings().setMaxDeliveryAttempts(-1)
                .setExpiryAddress(SimpleString.of(EXPIRED_QUEUE)).toJSON());
        createIfAbsent(anycastQueue(name));
        createIfAbsent(anycastQueue(deadLetters));
        declared.put(name, spec.options());
        knownAddresses.add(name);
        knownAddresses.add(deadLetters);
    }

    /** Deletes the queue, its dead-letter queue, their messages and settings. */
    void delete(String queue) {
        for (String name : List.of(queue, deadLetterQueueOf(queue))) {
            if (exists(name)) {
                management.broker("destroyQueue", name, true, true);
            }
            management.broker("removeAddressSettings", name);
            knownAddresses.remove(name);
        }
        declared.remove(queue);
        maxDeliveriesSeen.remove(queue);
    }

    /** The address to send to for {@code destination}; creates a queue (default options) or topic on first use. */
    SimpleString addressFor(Destination destination) {
        String name = destination.name();
        if (!knownAddresses.contains(name)) {
            if (destination instanceof Destination.Topic topic) {
                ensureTopic(topic);
            } else {
                ensureQueue(name);
            }
        }
        return SimpleString.of(name);
    }

    /** Makes sure a queue exists, declaring it with default options if it does not. */
    void ensureQueue(String name) {
        if (knownAddresses.contains(name)) {
            return;
        }
        if (MessageCodec.isDeadLetterQueue(name)) {
            ensurePlainQueue(name);
        } else if (exists(name)) {
            knownAddresses.add(name);
        } else {
            declare(QueueSpec.durable(name, QueueOptions.DEFAULT));
        }
    }

    /** Creates the queues every engine relies on: the server-wide dead-letter and expiry queues. */
    void ensureSharedQueues() {
        ensurePlainQueue(EmbeddedServer.DEFAULT_DEAD_LETTER_QUEUE);
        if (knownAddresses.add(EXPIRED_QUEUE)) {
            createIfAbsent(anycastQueue(EXPIRED_QUEUE).setRingSize(EXPIRED_RING_SIZE));
        }
    }

    /** Makes sure a plain durable queue exists (a dead-letter queue), without settings of its own. */
    void ensurePlainQueue(String name) {
        if (knownAddresses.add(name)) {
            createIfAbsent(anycastQueue(name));
        }
    }

    private void ensureTopic(Destination.Topic topic) {
        if (topic.isPattern()) {
            throw new InvalidDestinationException("topic '" + topic.name() + "' is a pattern: send to a plain topic name");
        }
        String name = topic.name();
        management.withSession("create topic '" + name + "'", s -> {
            if (!s.addressQuery(SimpleString.of(name)).isExists()) {
                try {
                    s.createAddress(SimpleString.of(name), RoutingType.MULTICAST, false);
                } catch (ActiveMQException e) {
                    if (e.getType() != ActiveMQExceptionType.ADDRESS_EXISTS) {
                        throw e;
                    }
                }
            }
            return null;
        });
        knownAddresses.add(name);
    }

    /**
     * Creates (or finds) the queue a topic subscription reads, on {@code session}: a temporary one
     * for a live subscription, the durable one named {@code durableName} otherwise. A durable
     * subscription re-made with another topic or selector is replaced.
     */
    String subscribe(ClientSession session, Destination.Topic topic, String durableName, String selector) throws ActiveMQException {
        SimpleString filter = selector == null || selector.isBlank() ? null : SimpleString.of(selector);
        if (durableName == null) {
            String name = LIVE_SUBSCRIPTION_PREFIX + UUID.randomUUID();
            session.createQueue(QueueConfiguration.of(name).setAddress(topic.name()).setRoutingType(RoutingType.MULTICAST)
                    .setDurable(false).setTemporary(true).setAutoCreateAddress(true).setFilterString(filter));
            return name;
        }
        Destination.queue(durableName);
        ClientSession.QueueQuery existing = session.queueQuery(SimpleString.of(durableName));
        if (existing.isExists()) {
            boolean same = topic.name().equals(String.valueOf(existing.getAddress()))
                    && Objects.equals(filter, existing.getFilterString());
            if (same) {
                return durableName;
            }
            if (existing.getRoutingType() != RoutingType.MULTICAST) {
                throw new InvalidDestinationException("durable subscription '" + durableName
                        + "' clashes with the queue of the same name");
            }
            session.deleteQueue(durableName);
        }
        try {
            session.createQueue(QueueConfiguration.of(durableName).setAddress(topic.name()).setRoutingType(RoutingType.MULTICAST)
                    .setDurable(true).setAutoCreateAddress(true).setFilterString(filter));
        } catch (ActiveMQQueueExistsException raced) {
            // another consumer of the same subscription (concurrency > 1) created it between the query and here
            ClientSession.QueueQuery created = session.queueQuery(SimpleString.of(durableName));
            if (!topic.name().equals(String.valueOf(created.getAddress())) || !Objects.equals(filter, created.getFilterString())) {
                throw raced;
            }
        }
        return durableName;
    }

    /** The {@code maxDeliveries} of {@code queue}, or -1 if it cannot be told. */
    int maxDeliveries(String queue) {
        QueueOptions options = declared.get(queue);
        if (options != null) {
            return options.maxDeliveries();
        }
        return maxDeliveriesSeen.computeIfAbsent(queue, q -> {
            try {
                Object json = management.broker("getAddressSettingsAsJSON", q);
                return AddressSettings.fromJSON(String.valueOf(json)).getMaxDeliveryAttempts();
            } catch (RuntimeException e) {
                LOG.debug("cannot read the address settings of {}", q, e);
                return -1;
            }
        });
    }

    /** The application queues with their depth, consumers and dead letters; internal queues left out. */
    List<QueueInfo> list() {
        Object names = management.broker("getQueueNames", RoutingType.ANYCAST.name());
        List<QueueInfo> queues = new ArrayList<>();
        if (names instanceof Object[] array) {
            for (Object entry : array) {
                String name = String.valueOf(entry);
                if (!isInternal(name)) {
                    info(name).ifPresent(queues::add);
                }
            }
        }
        queues.sort(Comparator.comparing(QueueInfo::name));
        return queues;
    }

    static String deadLetterQueueOf(String queue) {
        return queue + DLQ_SUFFIX;
    }

    static boolean isInternal(String name) {
        return INTERNAL_PREFIXES.stream().anyMatch(name::startsWith) || MessageCodec.isDeadLetterQueue(name);
    }

    private java.util.Optional<QueueInfo> info(String name) {
        return management.withSession("describe queue '" + name + "'", s -> {
            ClientSession.QueueQuery queue = s.queueQuery(SimpleString.of(name));
            if (!queue.isExists() || queue.isTemporary()) {
                return java.util.Optional.empty();
            }
            ClientSession.QueueQuery dlq = s.queueQuery(SimpleString.of(deadLetterQueueOf(name)));
            return java.util.Optional.of(new QueueInfo(name, queue.getMessageCount(), queue.getConsumerCount(),
                    dlq.isExists() ? dlq.getMessageCount() : 0));
        });
    }

    private boolean exists(String name) {
        return management.withSession("look up queue '" + name + "'", s -> s.queueQuery(SimpleString.of(name)).isExists());
    }

    private void createIfAbsent(QueueConfiguration queue) {
        String name = queue.getName().toString();
        management.withSession("create queue '" + name + "'", s -> {
            if (!s.queueQuery(SimpleString.of(name)).isExists()) {
                try {
                    s.createQueue(queue);
                } catch (ActiveMQException e) {
                    if (e.getType() != ActiveMQExceptionType.QUEUE_EXISTS) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    private static QueueConfiguration anycastQueue(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                .setDurable(true).setAutoCreateAddress(true);
    }

    private static AddressSettings settings(QueueOptions options, String deadLetters) {
        RedeliveryPolicy back = options.redelivery();
        return new AddressSettings()
                .setMaxDeliveryAttempts(options.maxDeliveries())
                .setRedeliveryDelay(back.initialDelay().toMillis())
                .setRedeliveryMultiplier(back.multiplier())
                .setMaxRedeliveryDelay(back.maxDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(deadLetters))
                .setExpiryAddress(SimpleString.of(EXPIRED_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL);
    }
}
