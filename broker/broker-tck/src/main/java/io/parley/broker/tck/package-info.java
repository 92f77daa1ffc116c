/**
 * The engine conformance suite (TCK): engine-neutral tests of every semantic of Parley's broker
 * client, run through {@link io.parley.broker.Broker} over the engine under test.
 *
 * <p>An engine module runs the suite by naming its {@link io.parley.broker.tck.EngineProvider}
 * with {@link io.parley.broker.tck.EngineUnderTest} and extending the {@code *Conformance} classes,
 * usually as {@code @Nested} classes of one test class:
 *
 * <pre>{@code
 * @EngineUnderTest(MyEngineTckTest.Provider.class)
 * class MyEngineTckTest {
 *     static final class Provider implements EngineProvider { ... }
 *
 *     @Nested class Queues extends QueueConformance { }
 *     @Nested class Topics extends TopicConformance { }
 *     ...
 * }
 * }</pre>
 *
 * <p>Each conformance class gets one engine over a fresh storage directory, shared by its tests
 * (each test uses queue and topic names of its own). A test that needs a
 * {@link io.parley.broker.spi.Capability} the engine does not declare is skipped, with the reason
 * in the report ({@link io.parley.broker.tck.RequiresCapability}).
 */
package io.parley.broker.tck;
