package io.parley.broker;

/** Whether a message survives a crash of the engine that holds it. */
public enum Durability {
    /** Written to the engine's journal or log before it counts as {@link SyncPoint#STORED}; survives a crash. */
    PERSISTENT,
    /** Held in memory only; lost if the engine stops. Cheaper. */
    TRANSIENT
}
