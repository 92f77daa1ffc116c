package io.parley.broker.kafka;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The consumer JVM of {@link KafkaCrashTest}: handles a queue's messages AT_LEAST_ONCE, slowly,
 * appending each body to a file (flushed) before the acknowledgement, until it is killed.
 *
 * <p>Arguments: bootstrap servers, queue, handled-bodies file, state directory, lock duration (ms).
 */
public final class CrashConsumer {

    private CrashConsumer() {
    }

    public static void main(String[] args) throws Exception {
        KafkaEngine engine = KafkaEngine.connect(KafkaConfig.builder().bootstrapServers(args[0])
                .recordLockDuration(Duration.ofMillis(Long.parseLong(args[4]))).build());
        engine.start();
        Broker broker = Brokers.open(engine, BrokerConfig.builder().clientId("crash-consumer").stateDirectory(Path.of(args[3])).build());
        try (FileOutputStream handled = new FileOutputStream(args[2], true)) {
            broker.notify(args[1], delivery -> {
                Thread.sleep(10);
                write(handled, delivery.message().bodyAsText());
            }, ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE));
            System.out.println("consuming " + args[1]);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void write(FileOutputStream file, String line) throws IOException {
        synchronized (file) {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            file.flush();
        }
    }
}
