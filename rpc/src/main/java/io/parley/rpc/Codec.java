package io.parley.rpc;

import java.lang.reflect.Type;

/**
 * Turns arguments and results into request and reply bodies and back. The default is
 * {@link JacksonCodec} (JSON). Client and server must use codecs with the same
 * {@link #contentType()}; a server refuses a request of another content type with
 * {@link RpcStatus#INVALID_ARGUMENT}. Implementations must be thread-safe.
 *
 * <p>Decoding failures throw {@link IllegalArgumentException} naming what did not fit.
 */
public interface Codec {

    /** The content type of the bodies this codec writes, e.g. {@code application/json}. */
    String contentType();

    /** Encodes a call's arguments, given the method's generic parameter types. */
    byte[] encodeArguments(Object[] arguments, Type[] types);

    /** Decodes a call's arguments for a method of these generic parameter types. */
    Object[] decodeArguments(byte[] body, Type[] types);

    /** How many arguments a body holds, without knowing their types (for stub-less calls). */
    int countArguments(byte[] body);

    /** Encodes a result of the given generic type ({@code null} for a void method's). */
    byte[] encodeResult(Object result, Type type);

    /** Decodes a result of the given generic type. */
    Object decodeResult(byte[] body, Type type);
}
