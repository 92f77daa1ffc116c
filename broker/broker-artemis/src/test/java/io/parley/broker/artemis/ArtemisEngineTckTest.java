package io.parley.broker.artemis;

import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import io.parley.broker.tck.DeadLetterConformance;
import io.parley.broker.tck.DeliveryGuaranteeConformance;
import io.parley.broker.tck.DurabilityConformance;
import io.parley.broker.tck.EngineProvider;
import io.parley.broker.tck.EngineUnderTest;
import io.parley.broker.tck.ExpiryConformance;
import io.parley.broker.tck.MessageFieldConformance;
import io.parley.broker.tck.OrderingConformance;
import io.parley.broker.tck.QueueConformance;
import io.parley.broker.tck.RequestReplyConformance;
import io.parley.broker.tck.SyncPointConformance;
import io.parley.broker.tck.TopicConformance;
import io.parley.broker.tck.TransactionConformance;
import io.parley.broker.tck.ValidationConformance;
import org.junit.jupiter.api.Nested;

import java.nio.file.Path;
import java.util.Set;

/**
 * Runs the engine conformance suite (broker-tck) against the embedded Artemis engine with
 * persistence on, its journal in a temporary directory; one engine per nested class.
 */
@EngineUnderTest(ArtemisEngineTckTest.EmbeddedArtemis.class)
class ArtemisEngineTckTest {

    /** An embedded Artemis server on a free port over the TCK's storage directory. */
    static final class EmbeddedArtemis implements EngineProvider {

        @Override
        public String name() {
            return "artemis";
        }

        /** Asks an engine that is never started: it opens nothing, and declares what a started one would. */
        @Override
        public Set<Capability> capabilities() {
            return embedded(Path.of("never-started")).capabilities();
        }

        @Override
        public Engine start(Path storageDirectory) {
            Engine engine = embedded(storageDirectory);
            engine.start();
            return engine;
        }

        private static Engine embedded(Path storageDirectory) {
            return ArtemisEngine.embedded(ArtemisConfig.builder()
                    .dataDirectory(storageDirectory)
                    .messagingPort(0)
                    .build());
        }
    }

    @Nested
    class Queues extends QueueConformance {
    }

    @Nested
    class Topics extends TopicConformance {
    }

    @Nested
    class MessageFields extends MessageFieldConformance {
    }

    @Nested
    class Durability extends DurabilityConformance {
    }

    @Nested
    class SyncPoints extends SyncPointConformance {
    }

    @Nested
    class DeliveryGuarantees extends DeliveryGuaranteeConformance {
    }

    @Nested
    class DeadLetters extends DeadLetterConformance {
    }

    @Nested
    class Expiry extends ExpiryConformance {
    }

    @Nested
    class Ordering extends OrderingConformance {
    }

    @Nested
    class RequestReply extends RequestReplyConformance {
    }

    @Nested
    class Transactions extends TransactionConformance {
    }

    @Nested
    class Validation extends ValidationConformance {
    }
}
