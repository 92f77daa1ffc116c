package io.parley.rpc;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test service with rich types and failures. */
public interface Catalog {

    record Item(String sku, int quantity, Optional<String> note, Instant added, Duration ttl) {
    }

    record Order(String id, List<Item> items, Map<String, LocalDate> dates) {
    }

    Order echo(Order order);

    Map<String, List<Item>> group(List<Item> items);

    Optional<Item> find(String sku);

    /** Throws a declared checked exception. */
    String read(String file) throws IOException;

    /** Throws an undeclared exception with a cause chain. */
    String explode(String why);

    /** Throws an RpcException with a status of the service's choosing. */
    String refuse(String why);

    int add(int a, int b);
}
