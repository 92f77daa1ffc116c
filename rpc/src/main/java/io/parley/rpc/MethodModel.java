package io.parley.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the client and the server need to know about one interface method: its wire name and
 * arity, call mode, semantics, argument and value types, default deadline and declared checked
 * exceptions. Immutable.
 *
 * @param valueType the type of the value the reply carries: the return type, or {@code T} of
 *                  {@code CompletableFuture<T>} / {@code CompletionStage<T>} / {@code Ticket<T>}
 */
record MethodModel(Method method, String name, int arity, CallMode mode, CallSemantics semantics, Type[] parameterTypes,
                   Type valueType, Duration deadline, List<Class<?>> checkedExceptions) {

    static MethodModel of(Method method) {
        Class<?> raw = method.getReturnType();
        CallMode mode;
        Type valueType;
        if (raw == CompletableFuture.class || raw == CompletionStage.class) {
            mode = CallMode.ASYNC;
            valueType = typeArgument(method);
        } else if (raw == Ticket.class) {
            mode = CallMode.TICKET;
            valueType = typeArgument(method);
        } else if (method.isAnnotationPresent(OneWay.class)) {
            if (raw != void.class) {
                throw new IllegalArgumentException("method " + describe(method) + " is @OneWay but returns " + raw.getName()
                        + ": one-way methods return void");
            }
            mode = CallMode.ONE_WAY;
            valueType = void.class;
        } else {
            mode = CallMode.SYNC;
            valueType = method.getGenericReturnType();
        }
        Duration deadline = null;
        Deadline annotation = method.getAnnotation(Deadline.class);
        if (annotation != null) {
            if (annotation.millis() <= 0) {
                throw new IllegalArgumentException("method " + describe(method) + " has @Deadline(millis = " + annotation.millis()
                        + "): it must be positive");
            }
            deadline = Duration.ofMillis(annotation.millis());
        }
        CallSemantics semantics = method.isAnnotationPresent(Idempotent.class) ? CallSemantics.AT_LEAST_ONCE : CallSemantics.AT_MOST_ONCE;
        List<Class<?>> checked = Arrays.stream(method.getExceptionTypes())
                .filter(t -> !RuntimeException.class.isAssignableFrom(t) && !Error.class.isAssignableFrom(t))
                .toList();
        return new MethodModel(method, method.getName(), method.getParameterCount(), mode, semantics,
                method.getGenericParameterTypes(), valueType, deadline, checked);
    }

    /** The key a server finds the method by: name and arity. */
    String key() {
        return key(name, arity);
    }

    static String key(String name, int arity) {
        return name + "/" + arity;
    }

    boolean declares(Class<?> exceptionType) {
        return checkedExceptions.stream().anyMatch(declared -> declared.isAssignableFrom(exceptionType));
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList().toString()
                .replace('[', '(').replace(']', ')');
    }

    private static Type typeArgument(Method method) {
        Type generic = method.getGenericReturnType();
        if (generic instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException("method " + describe(method) + " returns a raw " + method.getReturnType().getSimpleName()
                + ": give its value type, e.g. " + method.getReturnType().getSimpleName() + "<String>");
    }
}
