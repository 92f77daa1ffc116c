package io.parley.samples;

import io.parley.coordinator.ParticipantRef;
import io.parley.coordinator.naming.NamingTransactionDirectory;
import io.parley.naming.NameRecord;
import io.parley.naming.RecordType;
import io.parley.naming.Resolver;
import io.parley.naming.ResolverConfig;
import io.parley.rpc.naming.NamingEndpointResolver;

import java.util.List;
import java.util.Map;

/**
 * How the bank sample's sites find each other. Without a name server, by fixed names: bank
 * {@code a}'s work queue is {@code bank.a}. With one ({@code --naming URL}), through the naming
 * service: a bank registers its participant at {@code /transactions/participants/bank-<name>} (with
 * {@link NamingTransactionDirectory}) and its work queue as the service {@code /services/bank/<name>};
 * the driver registers its coordinator at {@code /transactions/coordinators/bank-driver} and looks the
 * banks up by name (with {@link NamingEndpointResolver} and the directory), so a bank moved to another
 * queue is found without changing the driver.
 *
 * <p>Owns its resolver; not thread-safe (used by the sample's main thread).
 */
final class BankDirectory implements AutoCloseable {

    static final String COORDINATOR_NAME = "bank-driver";

    private final Resolver resolver;
    private final NamingTransactionDirectory transactions;
    private final NamingEndpointResolver services;

    private BankDirectory(Resolver resolver) {
        this.resolver = resolver;
        this.transactions = resolver == null ? null : NamingTransactionDirectory.of(resolver);
        this.services = resolver == null ? null : NamingEndpointResolver.of(resolver);
    }

    /** Through the name server at {@code namingUrl}, or by fixed names when it is null. */
    static BankDirectory of(String namingUrl) {
        return new BankDirectory(namingUrl == null ? null : new Resolver(ResolverConfig.builder().roots(namingUrl).build()));
    }

    /** Registers bank {@code participant} and its work queue (nothing without a name server). */
    void register(ParticipantRef participant, String workQueue) {
        if (resolver == null) {
            return;
        }
        transactions.register(new ParticipantRef("bank-" + participant.name(), participant.queue()), BankSample.NAME_TTL_MS);
        resolver.bind(services.nameOf("bank." + participant.name()),
                new NameRecord(RecordType.SERVICE, List.of(workQueue), BankSample.NAME_TTL_MS, Map.of()));
        System.out.println("registered participant bank-" + participant.name() + " (queue " + participant.queue() + ") and service bank."
                + participant.name() + " (queue " + workQueue + ")");
    }

    /** Registers the driver's coordinator and checks it is found by name (nothing without a name server). */
    void registerCoordinator(String queue) {
        if (resolver == null) {
            return;
        }
        transactions.registerCoordinator(COORDINATOR_NAME, queue, BankSample.NAME_TTL_MS);
        System.out.println("registered coordinator " + COORDINATOR_NAME + "; found by name at queue "
                + transactions.coordinatorQueue(COORDINATOR_NAME));
    }

    /** The work queue of bank {@code name}: found by name, or {@code bank.<name>}. */
    String workQueue(String name) {
        if (resolver == null) {
            return "bank." + name;
        }
        ParticipantRef participant = transactions.participant("bank-" + name);
        String queue = services.resolve("bank." + name).queue();
        System.out.println("found bank " + name + " by name: participant " + participant.name() + " (queue " + participant.queue()
                + "), work queue " + queue);
        return queue;
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
