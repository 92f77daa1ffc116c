package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body within {@code maxMessageBytes}: a declared {@code Content-Length} above the
 * limit is refused before a byte is read, and a body that turns out longer (chunked, or a lying
 * length) is refused as soon as it passes the limit, so an oversized body is never held whole.
 */
final class BodyReader {

    private final int maxMessageBytes;

    BodyReader(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    void checkDeclaredLength(String target, int contentLength) {
        if (contentLength > maxMessageBytes) {
            throw tooLarge(target, contentLength);
        }
    }

    byte[] read(String target, InputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (body) {
            int n;
            while ((n = body.read(buffer)) != -1) {
                total += n;
                if (total > maxMessageBytes) {
                    throw GatewayErrors.tooLarge(target + ": message body exceeds maxMessageBytes " + maxMessageBytes
                            + " (more than " + maxMessageBytes + " bytes received)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, target + ": the request body could not be read: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private ParleyException tooLarge(String target, long bytes) {
        return GatewayErrors.tooLarge(target + ": message of " + bytes + " bytes exceeds maxMessageBytes " + maxMessageBytes);
    }
}
