package io.parley.broker.tck;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks a conformance class: its tests get a {@link TckEngine} (one engine per class, see
 * {@link EngineExtension}), capability gating ({@link CapabilityCondition}), and a time limit of
 * {@value #TIMEOUT_SECONDS} s per test, so that a hung engine fails the test instead of the build.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({CapabilityCondition.class, EngineExtension.class})
@Timeout(value = ConformanceSuite.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
public @interface ConformanceSuite {

    /** The time limit of each conformance test. */
    long TIMEOUT_SECONDS = 60;
}
