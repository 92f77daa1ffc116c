package io.parley.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as idempotent: it is called at-least-once — retried with back-off until it
 * answers or its deadline passes, and run again by the server for every copy that reaches it,
 * without the durable executed-request table that at-most-once methods (the default) pay for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
