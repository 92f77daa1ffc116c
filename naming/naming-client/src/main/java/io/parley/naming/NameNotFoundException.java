package io.parley.naming;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** No record exists for a name; the absence may be cached for {@link #negativeTtlMs()}. Not retriable. */
public final class NameNotFoundException extends ParleyException {

    private final transient NotFound notFound;

    public NameNotFoundException(NotFound notFound) {
        super(ErrorCode.NOT_FOUND, notFound.message());
        this.notFound = notFound;
    }

    public String name() {
        return notFound.name();
    }

    public long negativeTtlMs() {
        return notFound.negativeTtlMs();
    }

    public NotFound notFound() {
        return notFound;
    }
}
