package io.parley.broker.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link EngineProvider} a conformance class runs against. Put it on the class that
 * extends a {@code *Conformance} class, on one of its superclasses, or on a class enclosing
 * {@code @Nested} conformance classes.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EngineUnderTest {

    Class<? extends EngineProvider> value();
}
