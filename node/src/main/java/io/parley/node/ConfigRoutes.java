package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Broker;
import io.parley.broker.routing.Router;
import io.parley.broker.routing.RoutesConfig;
import io.parley.common.ParleyException;

/**
 * The routes a node runs: the {@code routes:} section of its config file, read and validated before
 * the node starts (so a bad route fails the start, naming the file, the route and the key), and
 * run by a {@link Router} over the node's broker once it is up. Immutable.
 */
final class ConfigRoutes {

    private final RoutesConfig config;

    private ConfigRoutes(RoutesConfig config) {
        this.config = config;
    }

    static ConfigRoutes none() {
        return new ConfigRoutes(RoutesConfig.empty());
    }

    static ConfigRoutes read(ConfigFile file) {
        JsonNode list = file.routes();
        if (list.isMissingNode() || list.isNull()) {
            return none();
        }
        try {
            return new ConfigRoutes(RoutesConfig.fromRoutes(list));
        } catch (ParleyException e) {
            throw new ParleyException(e.code(), "config file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    int size() {
        return config.routes().size();
    }

    /** Starts the routes on {@code broker}; closing the result stops them. */
    AutoCloseable start(Broker broker) {
        Router router = new Router(broker);
        router.addAll(config);
        router.start();
        return router;
    }
}
