package io.parley.node;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Makes a Grizzly listener serve every request as plain HTTP/1.1, ignoring {@code Upgrade} request
 * headers (RFC 9110 §7.8 lets a server ignore them).
 *
 * <p>Why: Java's {@code HttpClient} asks to upgrade to {@code h2c} on its first request over
 * {@code http://}. Grizzly without its HTTP/2 module then passes the request body on as an
 * upgraded byte stream with no end, so a POST body never completes and the request hangs. This
 * add-on swaps the listener's HTTP codec for one, configured exactly as Grizzly configures its own,
 * that drops the upgrade request and frames the body by its {@code Content-Length} as usual.
 *
 * <p>Stateless; register it on the listener before the server starts.
 */
final class PlainHttp1AddOn implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        HttpServerFilter original = (HttpServerFilter) builder.get(index);
        int maxHeaderSize = listener.getMaxHttpHeaderSize() == -1
                ? HttpCodecFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize();
        UpgradeIgnoringCodec codec = new UpgradeIgnoringCodec(listener.isChunkingEnabled(), maxHeaderSize,
                listener.getKeepAlive(), listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        for (ContentEncoding encoding : original.getContentEncodings()) {
            codec.addContentEncoding(encoding);
        }
        codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        codec.setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
        codec.getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
        builder.set(index, codec);
    }

    /** Grizzly's server codec, except that an incoming upgrade request is served as HTTP/1.1. */
    private static final class UpgradeIgnoringCodec extends HttpServerFilter {

        /** The constructor Grizzly's own {@code HttpServer} builds its codec with (deprecated there, used there). */
        @SuppressWarnings("deprecation")
        UpgradeIgnoringCodec(boolean chunking, int maxHeaderSize, KeepAlive keepAlive,
                             int maxRequestHeaders, int maxResponseHeaders) {
            super(chunking, maxHeaderSize, null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
        }

        @Override
        protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader httpHeader) {
            httpHeader.getUpgradeDC().recycle();
            httpHeader.getHeaders().removeHeader(Header.Upgrade);
        }
    }
}
