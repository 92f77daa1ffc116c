package io.parley.node.naming;

import java.util.List;

/**
 * A part of a node that names what it serves: the node binds {@link #namingEntries()} in the
 * naming service once its HTTP server listens (see {@link NamingRegistrations}).
 */
public interface NamingAdvertised extends AutoCloseable {

    /** The names to publish; fixed once the part has started. */
    List<NamingEntry> namingEntries();

    /** {@code part} closing as before, publishing {@code entries}. */
    static NamingAdvertised of(AutoCloseable part, List<NamingEntry> entries) {
        List<NamingEntry> copy = List.copyOf(entries);
        return new NamingAdvertised() {
            @Override
            public List<NamingEntry> namingEntries() {
                return copy;
            }

            @Override
            public void close() throws Exception {
                part.close();
            }

            @Override
            public String toString() {
                return part.toString();
            }
        };
    }
}
