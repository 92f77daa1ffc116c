package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Request/reply over queues: a price service answers on queue {@code prices}; a client asks once
 * synchronously (blocking with a deadline) and three times asynchronously (CompletableFutures).
 */
@Command(name = "request-reply", description = "Blocking and asynchronous request/reply with deadlines")
final class RequestReplySample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Override
    public Integer call() {
        try (SampleEnvironment env = environment;
             Broker service = env.open("price-service");
             Broker client = env.open("shop");
             Subscription prices = service.notify("prices", delivery -> {
                 String item = delivery.message().bodyAsText();
                 delivery.reply(Message.text(item + " costs " + (item.length() * 3) + " EUR"));
             }, ConsumerOptions.DEFAULT)) {
            Message answer = client.request("prices", Message.text("rutabaga"), Duration.ofSeconds(5));
            System.out.println("blocking request -> " + answer.bodyAsText());
            List<CompletableFuture<Message>> pending = List.of("leek", "parsnip", "kohlrabi").stream()
                    .map(item -> client.requestAsync("prices", Message.text(item), Duration.ofSeconds(5)))
                    .toList();
            System.out.println("sent " + pending.size() + " asynchronous requests; waiting for the replies");
            pending.forEach(f -> System.out.println("async request  -> " + f.join().bodyAsText()));
            return 0;
        }
    }
}
