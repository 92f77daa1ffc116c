package io.parley.rpc;

import io.parley.broker.Message;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads reply messages: the status header, then the value through the codec or the failure through
 * {@link ErrorBodies} (a declared exception as itself, anything else as an {@link RpcException}).
 * Stateless apart from its codec; thread-safe.
 */
final class ReplyDecoder {

    private final Codec codec;

    ReplyDecoder(Codec codec) {
        this.codec = codec;
    }

    /** The reply's status; REMOTE_ERROR if it has none or one this client does not know. */
    static RpcStatus status(Message reply) {
        String text = reply.headers().get(RpcHeaders.STATUS);
        if (text == null) {
            return RpcStatus.REMOTE_ERROR;
        }
        try {
            return RpcStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            return RpcStatus.REMOTE_ERROR;
        }
    }

    /** The value of a call's reply, or throws its failure (a declared exception of {@code out}'s method as itself). */
    Object decode(Message reply, RpcStatus status, OutgoingCall out) throws Throwable {
        byte[] body = reply.body();
        if (status != RpcStatus.OK) {
            throw ErrorBodies.decode(body, status, out.model(), "call " + out.describe());
        }
        if (out.rawReply()) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return value(body, out.model().valueType(), "call " + out.describe());
    }

    /** The value of a ticket's reply, or throws its failure as an unchecked exception. */
    Object decodeTicket(Message reply, Type valueType, Ticket<?> ticket) {
        RpcStatus status = status(reply);
        byte[] body = reply.body();
        if (status != RpcStatus.OK) {
            Throwable failure = ErrorBodies.decode(body, status, null, "ticket " + ticket);
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RpcException(RpcStatus.REMOTE_ERROR, failure.toString(), failure);
        }
        return value(body, valueType, "ticket " + ticket);
    }

    private Object value(byte[] body, Type valueType, String what) {
        if (valueType == void.class || valueType == Void.class) {
            return null;
        }
        try {
            return codec.decodeResult(body, valueType);
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, what + ": " + e.getMessage(), e);
        }
    }
}
