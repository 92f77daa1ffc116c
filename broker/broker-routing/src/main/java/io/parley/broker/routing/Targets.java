package io.parley.broker.routing;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where a route sends what it produced: a fixed list of destinations, or destinations chosen by the
 * message's content ({@link ContentBasedRouting}). Immutable; validated with the route.
 */
public sealed interface Targets permits Targets.Fixed, ContentBasedRouting {

    /**
     * The destinations of {@code message} (the route's output).
     *
     * @throws UnroutableMessageException if content-based routing finds none
     */
    List<Destination> select(Message message);

    /** Every destination this may send to. */
    List<Destination> all();

    /** The same destinations for every message. */
    static Fixed of(Destination... destinations) {
        return new Fixed(Arrays.asList(destinations));
    }

    /** Every message goes to each of {@code destinations}, in order. */
    record Fixed(List<Destination> destinations) implements Targets {

        public Fixed {
            destinations = Collections.unmodifiableList(new ArrayList<>(destinations));
        }

        @Override
        public List<Destination> select(Message message) {
            return destinations;
        }

        @Override
        public List<Destination> all() {
            return destinations;
        }
    }
}
