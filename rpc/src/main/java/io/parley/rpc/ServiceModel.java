package io.parley.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * The methods a server exports for one interface, found by name and arity. Overloads with the same
 * arity are refused (a stub-less caller could not choose between them), and so are methods
 * returning {@link Ticket}: a ticket is the caller's view of a call, the server returns the value.
 */
record ServiceModel(Class<?> iface, Map<String, MethodModel> methods) {

    static ServiceModel of(Class<?> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface: services are exported by interface");
        }
        Map<String, MethodModel> methods = new TreeMap<>();
        for (Method method : iface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            MethodModel model = MethodModel.of(method);
            if (model.mode() == CallMode.TICKET) {
                throw new IllegalArgumentException("method " + MethodModel.describe(method) + " returns a Ticket: a ticket is the"
                        + " caller's view; export an interface whose method returns the value, and let the caller's interface return Ticket");
            }
            MethodModel previous = methods.put(model.key(), model);
            if (previous != null) {
                throw new IllegalArgumentException("methods " + MethodModel.describe(previous.method()) + " and "
                        + MethodModel.describe(method) + " have the same name and number of arguments: servers find methods by both");
            }
        }
        return new ServiceModel(iface, java.util.Collections.unmodifiableMap(methods));
    }

    MethodModel find(String name, int arity) {
        return methods.get(MethodModel.key(name, arity));
    }
}
