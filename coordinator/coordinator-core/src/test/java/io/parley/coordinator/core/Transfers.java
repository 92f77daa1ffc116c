package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.coordinator.GlobalTransaction;
import io.parley.coordinator.Outcome;
import io.parley.coordinator.TransactionCoordinator;

import java.time.Duration;
import java.util.function.Consumer;

/** The driver of bank transfers: debit at one bank, credit at the other, one global transaction. */
final class Transfers {

    private static final Duration WORK_TIMEOUT = Duration.ofSeconds(30);

    private Transfers() {
    }

    record Result(String transactionId, Outcome outcome) {
    }

    static Result transfer(TransactionCoordinator coordinator, Broker broker, String fromBank, String fromAccount, String toBank,
                           String toAccount, long amount) {
        return transfer(coordinator, broker, fromBank, fromAccount, toBank, toAccount, amount, id -> { });
    }

    static Result transfer(TransactionCoordinator coordinator, Broker broker, String fromBank, String fromAccount, String toBank,
                           String toAccount, long amount, Consumer<String> onBegin) {
        return run(coordinator, broker, fromBank, fromAccount, toBank, toAccount, amount, onBegin, false, WORK_TIMEOUT);
    }

    /**
     * A transfer whose work requests are each bank's last work: the banks prepare with their work
     * and their votes come back in the answers, which the driver hands to the transaction.
     */
    static Result transferVotingWithWork(TransactionCoordinator coordinator, Broker broker, String fromBank, String fromAccount,
                                         String toBank, String toAccount, long amount, Duration workTimeout) {
        return run(coordinator, broker, fromBank, fromAccount, toBank, toAccount, amount, id -> { }, true, workTimeout);
    }

    private static Result run(TransactionCoordinator coordinator, Broker broker, String fromBank, String fromAccount, String toBank,
                              String toAccount, long amount, Consumer<String> onBegin, boolean lastWork, Duration workTimeout) {
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        onBegin.accept(tx.id());
        Message debit = work(broker, tx, fromBank, fromAccount, -amount, lastWork, workTimeout);
        if (!"ok".equals(debit.header("status").orElse(""))) {
            return new Result(tx.id(), tx.rollback());
        }
        Message credit = work(broker, tx, toBank, toAccount, amount, lastWork, workTimeout);
        if (!"ok".equals(credit.header("status").orElse(""))) {
            return new Result(tx.id(), tx.rollback());
        }
        return new Result(tx.id(), tx.commit());
    }

    private static Message work(Broker broker, GlobalTransaction tx, String bank, String account, long delta, boolean lastWork,
                                Duration timeout) {
        Message request = lastWork
                ? BankService.lastWorkRequest(tx.context(), account, delta)
                : BankService.request(tx.context(), account, delta);
        Message answer;
        try {
            answer = broker.request(BankService.workQueue(bank), request, timeout);
        } catch (RuntimeException e) {
            return Message.builder().text("no answer: " + e.getMessage()).header("status", "error").build();
        }
        if (lastWork) {
            tx.takeVote(answer);
        }
        return answer;
    }
}
