package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

/** A write reached a secondary; the resource answers 307 to the zone's primary. */
final class NotPrimaryException extends ParleyException {

    private final String primaryUrl;

    NotPrimaryException(String zone, String primaryUrl) {
        super(ErrorCode.INVALID_ARGUMENT, "zone " + zone + " is a secondary here; writes go to its primary " + primaryUrl);
        this.primaryUrl = primaryUrl;
    }

    String primaryUrl() {
        return primaryUrl;
    }
}
