package io.parley.node;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import picocli.CommandLine.Option;

import java.net.URI;

/** The {@code --node URL} option the client commands share. */
final class NodeUrl {

    static final String DEFAULT = "http://localhost:8080";

    @Option(names = "--node", paramLabel = "URL", defaultValue = DEFAULT, description = "The node's HTTP URL. Default ${DEFAULT-VALUE}.")
    private String url;

    GatewayClient client() {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "--node '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "--node '" + url + "' is invalid: an http:// or https:// URL with a host is expected");
        }
        return new GatewayClient(uri);
    }
}
