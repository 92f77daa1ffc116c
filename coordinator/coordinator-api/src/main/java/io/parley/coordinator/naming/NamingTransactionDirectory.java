package io.parley.coordinator.naming;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.TransactionException;
import io.parley.naming.Answer;
import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.NameNotFoundException;
import io.parley.naming.NameRecord;
import io.parley.naming.RecordType;
import io.parley.naming.Resolver;
import io.parley.naming.WriteResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Participants and coordinators of global transactions found through the naming service:
 *
 * <pre>
 *   &lt;base&gt;/participants/bank-a   participant  [queue-of-bank-a]
 *   &lt;base&gt;/coordinators/tm-1     coordinator  [queue-of-tm-1]
 * </pre>
 *
 * (dots in a name are levels: {@code bank.eu} is {@code .../bank/eu}). A participant registers itself
 * at start; a coordinator, or a participant asking about an in-doubt transaction, looks the other
 * side up. Lookups go through the {@link Resolver}'s cache and TTLs; registrations keep the write's
 * version token, so the registering process reads its own registration from any replica.
 *
 * <p>Thread-safe; the resolver is shared and owned by the caller.
 */
public final class NamingTransactionDirectory {

    private static final String QUEUE_PREFIX = "queue:";
    private static final Name DEFAULT_BASE = Name.parse("/transactions");

    private final Resolver resolver;
    private final Name participants;
    private final Name coordinators;

    public NamingTransactionDirectory(Resolver resolver, String basePath) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        Name base = Name.parse(basePath);
        this.participants = base.child("participants");
        this.coordinators = base.child("coordinators");
    }

    /** Under {@code /transactions}. */
    public static NamingTransactionDirectory of(Resolver resolver) {
        return new NamingTransactionDirectory(resolver, DEFAULT_BASE.toString());
    }

    /** Binds {@code participant} (a {@code participant} record naming its queue) for {@code ttlMs}. */
    public WriteResult register(ParticipantRef participant, long ttlMs) {
        return bind(nameOf(participants, participant.name()), new NameRecord(RecordType.PARTICIPANT,
                List.of(participant.queue()), ttlMs, Map.of()));
    }

    /** Binds the coordinator {@code name} (a {@code coordinator} record naming its queue) for {@code ttlMs}. */
    public WriteResult registerCoordinator(String name, String queue, long ttlMs) {
        return bind(nameOf(coordinators, name), new NameRecord(RecordType.COORDINATOR, List.of(queue), ttlMs, Map.of()));
    }

    /** The participant {@code name}: its queue from the naming service. */
    public ParticipantRef participant(String name) {
        return new ParticipantRef(name, queueOf(nameOf(participants, name), RecordType.PARTICIPANT, "participant '" + name + "'"));
    }

    /** The queue of the coordinator {@code name}. */
    public String coordinatorQueue(String name) {
        return queueOf(nameOf(coordinators, name), RecordType.COORDINATOR, "coordinator '" + name + "'");
    }

    /** The name participant {@code name} is bound under in the default base {@code /transactions}. */
    public static Name participantName(String name) {
        return nameOf(DEFAULT_BASE.child("participants"), name);
    }

    /** The name coordinator {@code name} is bound under in the default base {@code /transactions}. */
    public static Name coordinatorName(String name) {
        return nameOf(DEFAULT_BASE.child("coordinators"), name);
    }

    /** The name a participant or coordinator is bound under. */
    static Name nameOf(Name parent, String name) {
        if (name == null || name.isEmpty()) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "name '" + name + "' is empty");
        }
        try {
            Name result = parent;
            for (String level : name.split("\\.", -1)) {
                result = result.child(level);
            }
            return result;
        } catch (InvalidNameException e) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "'" + name + "' has no name in the naming service: " + e.getMessage());
        }
    }

    private WriteResult bind(Name name, NameRecord record) {
        try {
            return resolver.bind(name, record);
        } catch (ParleyException e) {
            throw new TransactionException(e.code(), "registering " + name + " in the naming service failed: " + e.getMessage(), e);
        }
    }

    private String queueOf(Name name, RecordType expected, String what) {
        Answer answer;
        try {
            answer = resolver.lookup(name, resolver.config().mode()).answer();
        } catch (NameNotFoundException e) {
            throw new TransactionException(ErrorCode.NOT_FOUND, what + " is not registered: " + e.getMessage(), e);
        } catch (ParleyException e) {
            throw new TransactionException(e.code(), what + " could not be looked up as " + name + ": " + e.getMessage(), e);
        }
        if (answer.record().type() != expected || answer.record().addresses().isEmpty()) {
            throw new TransactionException(ErrorCode.NOT_FOUND, what + ": " + name + " is a " + answer.record().type().wireName()
                    + " record with addresses " + answer.record().addresses() + ", not a " + expected.wireName() + " with a queue");
        }
        String address = answer.record().addresses().get(0);
        return address.startsWith(QUEUE_PREFIX) ? address.substring(QUEUE_PREFIX.length()) : address;
    }
}
