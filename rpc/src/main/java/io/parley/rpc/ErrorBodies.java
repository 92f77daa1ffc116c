package io.parley.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;

/**
 * The body of a failed call's reply, always JSON whatever the codec:
 * <pre>{@code
 * {"status": "REMOTE_ERROR", "message": "...", "type": "java.lang.IllegalStateException",
 *  "declared": false, "cause": {"type": "...", "message": "...", "cause": null}}
 * }</pre>
 * {@code declared} is true when the exception is a checked exception the server's method declares;
 * the caller then rebuilds it as its own type. The cause chain stops after 10 links.
 */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CAUSES = 10;

    private ErrorBodies() {
    }

    static byte[] status(RpcStatus status, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status.name());
        node.put("message", message);
        return bytes(node);
    }

    /** The body for an exception the method threw. */
    static byte[] thrown(Throwable thrown, boolean declared) {
        if (thrown instanceof RpcException rpc && !(thrown instanceof RemoteErrorException)) {
            return status(rpc.status(), rpc.getMessage());
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("status", RpcStatus.REMOTE_ERROR.name());
        node.put("message", thrown.getClass().getName() + (thrown.getMessage() != null ? ": " + thrown.getMessage() : ""));
        node.put("declared", declared);
        node.put("type", thrown.getClass().getName());
        node.put("remoteMessage", thrown.getMessage());
        ObjectNode link = node;
        Throwable cause = thrown.getCause();
        for (int i = 0; cause != null && cause != thrown && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            ObjectNode next = JSON.createObjectNode();
            next.put("type", cause.getClass().getName());
            next.put("remoteMessage", cause.getMessage());
            link.set("cause", next);
            link = next;
        }
        return bytes(node);
    }

    /** The failure a reply body describes, as the caller sees it. */
    static Throwable decode(byte[] body, RpcStatus headerStatus, MethodModel method, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return new RpcException(headerStatus, what + " failed with " + headerStatus + " (unreadable error body)");
        }
        if (headerStatus != RpcStatus.REMOTE_ERROR) {
            return new RpcException(headerStatus, node.path("message").asText(what + " failed with " + headerStatus));
        }
        String type = node.path("type").asText("unknown");
        String message = node.hasNonNull("remoteMessage") ? node.get("remoteMessage").asText() : null;
        if (node.path("declared").asBoolean(false) && method != null) {
            Throwable declared = rebuildDeclared(type, message, method);
            if (declared != null) {
                RemoteErrorException chain = chain(node.path("cause"));
                if (chain != null) {
                    declared.initCause(chain);
                }
                return declared;
            }
        }
        return remote(node);
    }

    private static RemoteErrorException remote(JsonNode node) {
        return new RemoteErrorException(node.path("type").asText("unknown"),
                node.hasNonNull("remoteMessage") ? node.get("remoteMessage").asText() : null, chain(node.path("cause")));
    }

    private static RemoteErrorException chain(JsonNode cause) {
        return cause.isObject() ? remote(cause) : null;
    }

    private static Throwable rebuildDeclared(String type, String message, MethodModel method) {
        Class<?> cls;
        try {
            cls = Class.forName(type, false, method.method().getDeclaringClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Throwable.class.isAssignableFrom(cls) || !method.declares(cls)) {
            return null;
        }
        try {
            Constructor<?> withMessage = cls.getConstructor(String.class);
            return (Throwable) withMessage.newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                Throwable t = (Throwable) cls.getConstructor().newInstance();
                return t;
            } catch (ReflectiveOperationException | RuntimeException e2) {
                return null;
            }
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
