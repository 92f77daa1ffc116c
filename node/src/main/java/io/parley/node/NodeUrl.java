package io.parley.node;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;

/** The {@code --node URL} option the client commands share; a value that is no http(s) URL is a usage error (exit code 2). */
final class NodeUrl {

    static final String DEFAULT = "http://localhost:8080";

    @Option(names = "--node", paramLabel = "URL", defaultValue = DEFAULT, description = "The node's HTTP URL. Default ${DEFAULT-VALUE}.")
    private String url;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    GatewayClient client() {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--node '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ParameterException(command.commandLine(), "--node '" + url + "' is invalid: an http:// or https:// URL with a host is expected");
        }
        return new GatewayClient(uri);
    }
}
