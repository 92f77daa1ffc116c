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
        GlobalTransaction tx = coordinator.begin(Duration.ofSeconds(60));
        onBegin.accept(tx.id());
        Message debit = broker.request(BankService.workQueue(fromBank), BankService.request(tx.context(), fromAccount, -amount),
                Duration.ofSeconds(30));
        if (!"ok".equals(debit.header("status").orElse(""))) {
            return new Result(tx.id(), tx.rollback());
        }
        Message credit = broker.request(BankService.workQueue(toBank), BankService.request(tx.context(), toAccount, amount),
                Duration.ofSeconds(30));
        if (!"ok".equals(credit.header("status").orElse(""))) {
            return new Result(tx.id(), tx.rollback());
        }
        return new Result(tx.id(), tx.commit());
    }
}
