package io.parley.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method's default deadline, overriding the client's (30 s unless configured). A
 * {@link CallOptions#withDeadline per-call deadline} overrides this one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Deadline {
    /** Milliseconds from the call to its deadline; positive. */
    long millis();
}
