package io.parley.rpc;

import java.util.regex.Pattern;

/** The rule service names follow; they become part of queue names, so they share the queue rule's characters. */
final class ServiceNames {

    static final String RULE = "1 to 150 characters of [A-Za-z0-9._-]";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,150}");

    private ServiceNames() {
    }

    static String check(String service) {
        if (service == null || !NAME.matcher(service).matches()) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "service name '" + service + "' is invalid: allowed are " + RULE);
        }
        return service;
    }
}
