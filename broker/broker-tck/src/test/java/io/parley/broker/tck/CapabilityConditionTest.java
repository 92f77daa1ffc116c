package io.parley.broker.tck;

import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@link CapabilityCondition} skips exactly the tests and classes whose capabilities the engine
 * does not declare, with a reason naming the engine and the missing capabilities. Runs fixture
 * classes through the JUnit Platform test kit; no engine is started.
 */
class CapabilityConditionTest {

    @Test
    void shouldSkipExactlyTheTestsWhoseCapabilityIsAbsent() {
        Events tests = run(GatedTests.class).testEvents();

        tests.assertStatistics(stats -> stats.started(3).succeeded(3).skipped(3).failed(0));
        tests.assertThatEvents()
                .haveExactly(1, event(test("needsNothing()"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsPriorities()"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsPrioritiesAndGroups()"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsSelectors()"),
                        skippedWithReason("engine 'fake' does not declare capability SELECTORS")))
                .haveExactly(1, event(test("needsTransientMessages()"),
                        skippedWithReason("engine 'fake' does not declare capability TRANSIENT_MESSAGES")))
                .haveExactly(1, event(test("needsPrioritiesSelectorsAndExpiry()"),
                        skippedWithReason("engine 'fake' does not declare capabilities SELECTORS, EXPIRY")));
    }

    @Test
    void shouldSkipAWholeClassWhoseCapabilityIsAbsentWithoutRunningItsTests() {
        Events all = run(GatedClass.class).allEvents();

        all.assertStatistics(stats -> stats.started(1).skipped(1));
        all.assertThatEvents().haveExactly(1, event(container(GatedClass.class),
                skippedWithReason("engine 'fake' does not declare capability LOCAL_TRANSACTIONS")));
    }

    @Test
    void shouldFindTheEngineOnAnEnclosingClassOfNestedTests() {
        Events tests = run(EnclosingEngine.class).testEvents();

        tests.assertStatistics(stats -> stats.succeeded(1).skipped(1).failed(0));
        tests.assertThatEvents()
                .haveExactly(1, event(test("needsGroups()"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsWildcards()"),
                        skippedWithReason("engine 'fake' does not declare capability WILDCARDS")));
    }

    @Test
    void shouldFailATestThatNamesNoEngineInsteadOfRunningIt() {
        Events tests = run(NoEngine.class).testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("needsPriorities()"), finishedWithFailure(
                cause(instanceOf(ExtensionConfigurationException.class)),
                message(m -> m.contains("@EngineUnderTest") && m.contains(NoEngine.class.getName())))));
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    /** Declares PRIORITIES and MESSAGE_GROUPS only; never asked to start an engine here. */
    static final class FakeProvider implements EngineProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.PRIORITIES, Capability.MESSAGE_GROUPS);
        }

        @Override
        public Engine start(Path storageDirectory) {
            throw new UnsupportedOperationException("the capability fixtures start no engine");
        }
    }

    @EngineUnderTest(FakeProvider.class)
    static class GatedTests {
        @Test
        void needsNothing() {
        }

        @Test
        @RequiresCapability(Capability.PRIORITIES)
        void needsPriorities() {
        }

        @Test
        @RequiresCapability({Capability.PRIORITIES, Capability.MESSAGE_GROUPS})
        void needsPrioritiesAndGroups() {
        }

        @Test
        @RequiresCapability(Capability.SELECTORS)
        void needsSelectors() {
        }

        @Test
        @RequiresCapability(Capability.TRANSIENT_MESSAGES)
        void needsTransientMessages() {
        }

        @Test
        @RequiresCapability({Capability.PRIORITIES, Capability.SELECTORS, Capability.EXPIRY})
        void needsPrioritiesSelectorsAndExpiry() {
        }
    }

    @EngineUnderTest(FakeProvider.class)
    @RequiresCapability(Capability.LOCAL_TRANSACTIONS)
    static class GatedClass {
        @Test
        void wouldCommit() {
        }
    }

    @EngineUnderTest(FakeProvider.class)
    static class EnclosingEngine {
        @Nested
        class Inner {
            @Test
            @RequiresCapability(Capability.MESSAGE_GROUPS)
            void needsGroups() {
            }

            @Test
            @RequiresCapability(Capability.WILDCARDS)
            void needsWildcards() {
            }
        }
    }

    static class NoEngine {
        @Test
        @RequiresCapability(Capability.PRIORITIES)
        void needsPriorities() {
        }
    }
}
