package io.parley.broker.tck;

import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a conformance test (or a whole conformance class) that needs capabilities the engine may
 * lack. When the engine under test does not declare all of them, {@link CapabilityCondition}
 * skips exactly that test (or class), and the report says which capability was missing.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(CapabilityCondition.class)
public @interface RequiresCapability {

    Capability[] value();
}
