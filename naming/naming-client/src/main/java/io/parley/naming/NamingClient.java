package io.parley.naming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.internal.NamingJson;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP API of ONE name server ({@code /v1/names}, {@code /v1/resolve}, {@code /v1/zones},
 * {@code /v1/watch}), on the JDK {@link HttpClient}. A write sent to a secondary is answered 307 with
 * the primary's URL, which this client follows once. Errors arrive as {@link ParleyException}s with the
 * server's code and message; an unreachable server is {@link ErrorCode#UNAVAILABLE} (retriable).
 *
 * <p>Thread-safe; the {@link HttpClient} is shared and owned by whoever created it.
 */
public final class NamingClient {

    private final HttpClient http;
    private final String server;
    private final Duration requestTimeout;

    public NamingClient(HttpClient http, String serverUrl, Duration requestTimeout) {
        this.http = http;
        this.server = stripSlash(serverUrl);
        this.requestTimeout = requestTimeout;
    }

    /** A client on its own HTTP/1.1 {@link HttpClient} with a 10 s request timeout. */
    public static NamingClient of(String serverUrl) {
        return new NamingClient(newHttpClient(), serverUrl, Duration.ofSeconds(10));
    }

    /** The HTTP/1.1 client the naming library uses. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String server() {
        return server;
    }

    /** {@code PUT /v1/names/{path}}: binds {@code name} to {@code record} at the zone's primary. */
    public WriteResult bind(Name name, NameRecord record) {
        String body = write(record);
        HttpResponse<String> response = send(request(server, "/v1/names/" + name.urlPath())
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
        if (response.statusCode() == 307) {
            String primary = response.headers().firstValue("Location")
                    .orElseThrow(() -> new ParleyException(ErrorCode.INTERNAL, server + " answered 307 without Location"));
            response = send(HttpRequest.newBuilder(URI.create(primary)).timeout(requestTimeout)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
        }
        expect(response, 200, 201);
        return read(response.body(), WriteResult.class);
    }

    /** {@code DELETE /v1/names/{path}}; answers the version token of the deletion. */
    public VersionToken unbind(Name name) {
        HttpResponse<String> response = send(request(server, "/v1/names/" + name.urlPath()).DELETE());
        if (response.statusCode() == 307) {
            String primary = response.headers().firstValue("Location")
                    .orElseThrow(() -> new ParleyException(ErrorCode.INTERNAL, server + " answered 307 without Location"));
            response = send(HttpRequest.newBuilder(URI.create(primary)).timeout(requestTimeout).DELETE());
        }
        expect(response, 204);
        return VersionToken.parse(response.headers().firstValue(NamingHeaders.VERSION)
                .orElseThrow(() -> new ParleyException(ErrorCode.INTERNAL, server + " answered the delete without " + NamingHeaders.VERSION)));
    }

    /** {@code GET /v1/resolve/{path}?mode=...}, presenting {@code minVersions} for read-your-writes. */
    public ServerReply resolve(Name name, ResolutionMode mode, Collection<VersionToken> minVersions) {
        return resolve(name, mode, minVersions, 0);
    }

    /** As {@link #resolve(Name, ResolutionMode, Collection)}, from a server that has crossed {@code hops} servers already. */
    public ServerReply resolve(Name name, ResolutionMode mode, Collection<VersionToken> minVersions, int hops) {
        HttpRequest.Builder request = request(server, "/v1/resolve/" + name.urlPath() + "?mode=" + mode.wireName()).GET();
        if (hops > 0) {
            request.header(NamingHeaders.HOPS, Integer.toString(hops));
        }
        if (!minVersions.isEmpty()) {
            request.header(NamingHeaders.MIN_VERSION, VersionToken.format(minVersions));
        }
        HttpResponse<String> response = send(request);
        CacheStatus cache = CacheStatus.of(response.headers().firstValue(NamingHeaders.CACHE).orElse(null));
        if (response.statusCode() == 404) {
            NotFound notFound = read(response.body(), NotFound.class);
            if (NotFound.ERROR.equals(notFound.error())) {
                return new ServerReply(server, notFound, cache);
            }
        }
        expect(response, 200);
        return new ServerReply(server, parseReply(response.body()), cache);
    }

    /** Parses a 200 resolve body: an {@link Answer} or a {@link ReferralReply}. */
    public static Reply parseReply(String body) {
        try {
            JsonNode node = NamingJson.MAPPER.readTree(body);
            if (node.has("referral")) {
                return NamingJson.MAPPER.treeToValue(node, ReferralReply.class);
            }
            return NamingJson.MAPPER.treeToValue(node, Answer.class);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "unreadable resolve answer: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code GET /v1/zones}. */
    public List<ZoneInfo> zones() {
        HttpResponse<String> response = send(request(server, "/v1/zones").GET());
        expect(response, 200);
        return Arrays.asList(read(response.body(), ZoneInfo[].class));
    }

    /** {@code GET /v1/zones/{zone}/changes?fromSerial=N}: a full or incremental transfer. */
    public ZoneTransfer changes(Name zone, long fromSerial) {
        String zonePath = zonePathSegment(zone);
        HttpResponse<String> response = send(request(server, "/v1/zones/" + zonePath + "/changes?fromSerial=" + fromSerial).GET());
        expect(response, 200);
        return read(response.body(), ZoneTransfer.class);
    }

    /** {@code GET /v1/watch/{path}?afterSerial=N&waitMs=W}: a long poll for changes under {@code path}. */
    public WatchEvents watch(Name path, long afterSerial, Duration wait) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server + "/v1/watch/" + path.urlPath()
                        + "?afterSerial=" + afterSerial + "&waitMs=" + wait.toMillis()))
                .timeout(requestTimeout.plus(wait)).GET());
        expect(response, 200);
        return read(response.body(), WatchEvents.class);
    }

    /** A zone in {@code /v1/zones/{zone}/...} URLs: its path without the leading '/'; the root zone is {@code @}. */
    public static String zonePathSegment(Name zone) {
        return zone.isRoot() ? ROOT_ZONE_SEGMENT : zone.urlPath();
    }

    /** How the root zone is spelled in {@code /v1/zones/{zone}/...} URLs ('@' is no label character). */
    public static final String ROOT_ZONE_SEGMENT = "@";

    private HttpRequest.Builder request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ParleyException(ErrorCode.DEADLINE_EXCEEDED, "name server " + server + " did not answer "
                    + built.method() + " " + built.uri().getPath() + " within " + requestTimeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, "name server " + server + " is unreachable: " + e, e);
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, "name server " + server + " failed " + built.method() + " "
                    + built.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted while asking name server " + server, e);
        }
    }

    private void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        ErrorCode code = ErrorCode.INTERNAL;
        String message = response.body();
        try {
            JsonNode error = NamingJson.MAPPER.readTree(response.body());
            String wire = error.path("error").asText("");
            code = Arrays.stream(ErrorCode.values()).filter(c -> c.wireName().equals(wire)).findFirst().orElse(code);
            message = error.path("message").asText(message);
        } catch (JsonProcessingException | RuntimeException e) {
            message = "HTTP " + response.statusCode() + " " + message;
        }
        if (code == ErrorCode.INVALID_ARGUMENT) {
            throw new InvalidNameException(message);
        }
        throw new ParleyException(code, "name server " + server + ": " + message);
    }

    static String write(Object value) {
        try {
            return NamingJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "cannot write " + value + ": " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return NamingJson.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "unreadable answer of name server " + server + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The zone part of a {@code Parley-Version} header, if present. */
    static Optional<VersionToken> token(HttpResponse<?> response) {
        return response.headers().firstValue(NamingHeaders.VERSION).map(VersionToken::parse);
    }
}
