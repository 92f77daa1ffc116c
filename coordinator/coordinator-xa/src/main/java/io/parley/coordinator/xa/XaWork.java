package io.parley.coordinator.xa;

import javax.transaction.xa.XAResource;

/** Work inside one XA transaction; it enlists each resource it uses. */
@FunctionalInterface
public interface XaWork<T> {

    /** Enlists resources into the transaction the work runs in. */
    interface Enlister {
        void enlist(XAResource resource);
    }

    T run(Enlister enlister) throws Exception;
}
