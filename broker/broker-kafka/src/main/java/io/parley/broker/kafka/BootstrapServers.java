package io.parley.broker.kafka;

import java.util.regex.Pattern;

/** Checks a {@code host:port[,host:port]} list, as {@code --kafka-bootstrap} and {@link KafkaConfig} take it. Stateless. */
public final class BootstrapServers {

    /** The rule a bootstrap list must follow, as error messages quote it. */
    public static final String RULE = "HOST:PORT[,HOST:PORT...] with ports 1..65535";

    private static final Pattern SERVER = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");

    private BootstrapServers() {
    }

    /**
     * Returns {@code servers} if it is a valid bootstrap list.
     *
     * @throws IllegalArgumentException naming the value and {@link #RULE} if it is not
     */
    public static String check(String servers) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("kafka bootstrap servers '" + servers + "' are missing: expected " + RULE);
        }
        for (String server : servers.trim().split(",", -1)) {
            var matcher = SERVER.matcher(server.trim());
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1 || Integer.parseInt(matcher.group(2)) > 65535) {
                throw new IllegalArgumentException("kafka bootstrap servers '" + servers + "': '" + server + "' is not " + RULE);
            }
        }
        return servers.trim();
    }
}
