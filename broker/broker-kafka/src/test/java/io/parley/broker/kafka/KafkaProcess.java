package io.parley.broker.kafka;

import java.nio.file.Path;

/**
 * The Kafka JVM of {@link KafkaCrashTest}: an embedded single-node cluster over a fixed log
 * directory, which prints {@code kafka ready HOST:PORT} and runs until it is killed.
 *
 * <p>Arguments: the log directory.
 */
public final class KafkaProcess {

    private KafkaProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
        System.out.println("kafka ready " + kafka.bootstrapServers());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
