package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.Message;
import io.parley.broker.routing.ContentBasedRouting;
import io.parley.broker.routing.Route;
import io.parley.broker.routing.Router;
import io.parley.broker.routing.Transformations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The message broker in the integration sense: a legacy system drops CSV order batches on
 * {@code orders-csv}; a route converts them to JSON, tags them with their origin and forwards
 * them to {@code orders-json}; a second route picks the region header of each batch and sends it
 * to {@code orders-eu} or {@code orders-us}. A malformed CSV batch is dead-lettered with the reason.
 */
@Command(name = "routing", description = "CSV -> JSON transformation, content-based routing, a dead-lettered bad batch")
final class RoutingSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Override
    public Integer call() {
        try (SampleEnvironment env = environment; Broker broker = env.open("routing-sample"); Router router = new Router(broker)) {
            router.add(Route.from("queue:orders-csv").named("import")
                    .transform(Transformations.csvToJson(), Transformations.addField("origin", "legacy-erp"))
                    .to("queue:orders-json"));
            router.add(Route.from("queue:orders-json").named("by-region")
                    .routeOn(ContentBasedRouting.onHeader("region").when("eu", "queue:orders-eu").when("us", "queue:orders-us")
                            .otherwise("queue:orders-other")));
            router.start();
            System.out.println("routes: " + router.routes().stream().map(Route::name).toList());

            broker.put("orders-csv", csv("eu", "item,qty\nrutabaga,3\nkohlrabi,1\n"));
            broker.put("orders-csv", csv("us", "item,qty\nparsnip,5\n"));
            broker.put("orders-csv", csv("eu", "item,qty\nleek\n"));

            show(broker, "orders-eu");
            show(broker, "orders-us");
            Optional<Message> dead = broker.get("orders-csv.DLQ", Duration.ofSeconds(10));
            System.out.println("orders-csv.DLQ  <- " + dead.map(m -> m.bodyAsText().trim() + "   reason: "
                    + m.header(BrokerHeaders.DEAD_LETTER_REASON).orElse("?")).orElse("(nothing)"));
            return dead.isPresent() ? 0 : 1;
        }
    }

    private static Message csv(String region, String rows) {
        return Message.builder().body(rows.getBytes(StandardCharsets.UTF_8), "text/csv").header("region", region).build();
    }

    private static void show(Broker broker, String queue) {
        System.out.println(queue + "  <- " + broker.get(queue, Duration.ofSeconds(10)).map(Message::bodyAsText).orElse("(nothing within 10 s)"));
    }
}
