package io.parley.rpc;

import java.time.Duration;

/**
 * A call on its way out: what is called, with what, and how the reply is read ({@code rawReply}:
 * the reply's JSON as text, for calls made without a stub; else through {@code model}).
 */
record OutgoingCall(String service, String queue, String method, int arity, CallMode mode, CallSemantics semantics,
                    byte[] body, String contentType, Duration deadline, MethodModel model, boolean rawReply) {

    String describe() {
        return service + "." + method;
    }
}
