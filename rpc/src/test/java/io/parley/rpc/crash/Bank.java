package io.parley.rpc.crash;

/** The crash tests' service: a deposit is a side effect recorded durably in a file. */
public interface Bank {

    /** Appends "account amount" to the ledger file (fsynced); returns how many deposits the account has. */
    int deposit(String account, int amount);
}
