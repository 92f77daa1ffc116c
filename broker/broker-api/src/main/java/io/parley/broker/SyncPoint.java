package io.parley.broker;

/**
 * When a send returns: the places of synchronisation of message-oriented middleware, from the
 * loosest to the tightest. They correspond to MPI's {@code isend}, {@code send} (buffered),
 * {@code ssend} and {@code sendrecv}.
 *
 * <pre>
 *  sender --SUBMITTED--> client library --STORED--> engine --DELIVERED--> receiver --PROCESSED-->
 * </pre>
 */
public enum SyncPoint {
    /** Handed to the client library; the send may still fail unseen. */
    SUBMITTED,
    /** The engine holds the message — in its journal or log if it is {@link Durability#PERSISTENT}. */
    STORED,
    /** A receiver has taken the message. */
    DELIVERED,
    /** A receiver has finished with the message (its handler returned, or it acknowledged it). */
    PROCESSED
}
