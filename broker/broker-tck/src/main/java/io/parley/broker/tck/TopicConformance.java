package io.parley.broker.tck;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.broker.tck.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publish/subscribe: live and durable subscriptions, and the topic patterns {@code *} (exactly
 * one word) and {@code #} (any tail of words, none included).
 *
 * <p>Where a test checks that a message did not arrive, it publishes a matching sentinel last and
 * waits for it: the sends return at STORED, so a stray message would have reached the
 * subscription before the sentinel.
 */
@ConformanceSuite
public abstract class TopicConformance {

    private TckEngine tck;
    private Broker broker;
    private String root;

    @BeforeEach
    void openBroker(TckEngine tck) {
        this.tck = tck;
        this.broker = tck.openBroker();
        this.root = tck.name("news");
    }

    @Test
    void shouldDeliverAPublishedMessageToEveryLiveSubscription() {
        String topic = root + ".sports";
        RecordingHandler first = RecordingHandler.recording();
        RecordingHandler second = RecordingHandler.recording();
        broker.subscribe(Destination.topic(topic), null, first, ConsumerOptions.DEFAULT);
        tck.openBroker().subscribe(Destination.topic(topic), null, second, ConsumerOptions.DEFAULT);

        String id = broker.publish(topic, Message.text("goal"));

        eventually().until(() -> first.count() == 1 && second.count() == 1);
        assertThat(first.messages()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(id));
        assertThat(second.messages()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(id));
    }

    @Test
    void shouldNotKeepMessagesForALiveSubscriptionWhileNoneIsOpen() {
        String topic = root + ".weather";
        broker.publish(topic, Message.text("before any subscription"));
        RecordingHandler first = RecordingHandler.recording();
        Subscription subscription = broker.subscribe(Destination.topic(topic), null, first, ConsumerOptions.DEFAULT);
        broker.publish(topic, Message.text("while open"));
        eventually().until(() -> first.bodies().contains("while open"));

        subscription.close();
        broker.publish(topic, Message.text("while closed"));
        RecordingHandler second = RecordingHandler.recording();
        broker.subscribe(Destination.topic(topic), null, second, ConsumerOptions.DEFAULT);
        broker.publish(topic, Message.text("after reopening"));

        eventually().until(() -> second.bodies().contains("after reopening"));
        assertThat(first.bodies()).containsExactly("while open");
        assertThat(second.bodies()).containsExactly("after reopening");
    }

    @Test
    @RequiresCapability(Capability.DURABLE_SUBSCRIPTIONS)
    void shouldKeepMessagesForADurableSubscriptionWhileItIsClosed() {
        String topic = root + ".orders";
        String durableName = tck.name("durable");
        RecordingHandler first = RecordingHandler.recording();
        Subscription subscription = broker.subscribe(Destination.topic(topic), durableName, first, ConsumerOptions.DEFAULT);
        broker.publish(topic, Message.text("while open"));
        eventually().until(() -> first.count() == 1);

        subscription.close();
        broker.publish(topic, Message.text("while closed 1"));
        broker.publish(topic, Message.text("while closed 2"));
        RecordingHandler second = RecordingHandler.recording();
        broker.subscribe(Destination.topic(topic), durableName, second, ConsumerOptions.DEFAULT);

        eventually().until(() -> second.count() >= 2);
        assertThat(first.bodies()).containsExactly("while open");
        assertThat(second.bodies()).containsExactly("while closed 1", "while closed 2");
    }

    @Test
    @RequiresCapability(Capability.WILDCARDS)
    void shouldMatchStarToExactlyOneWord() {
        Destination.Topic pattern = Destination.topic(root + ".*.nl");
        List<String> published = List.of(root + ".nl", root + ".eu.x.nl", root + ".eu.be", root + ".eu.nl", root + ".us.nl");

        List<String> received = publishAndCollect(pattern, published, List.of(root + ".eu.nl", root + ".us.nl", root + ".sentinel.nl"));

        assertThat(received).containsExactlyInAnyOrder(root + ".eu.nl", root + ".us.nl", root + ".sentinel.nl");
        assertThat(received).allMatch(pattern::matches);
    }

    @Test
    @RequiresCapability(Capability.WILDCARDS)
    void shouldMatchHashToAnyTailOfWords() {
        Destination.Topic pattern = Destination.topic(root + ".eu.#");
        List<String> published = List.of(root + ".us", root + ".eu", root + ".eu.nl", root + ".us.eu.nl", root + ".eu.nl.ams.north");

        List<String> received = publishAndCollect(pattern, published, List.of(root + ".eu", root + ".eu.nl", root + ".eu.nl.ams.north", root + ".eu.sentinel"));

        assertThat(received).containsExactlyInAnyOrder(root + ".eu", root + ".eu.nl", root + ".eu.nl.ams.north", root + ".eu.sentinel");
        assertThat(received).allMatch(pattern::matches);
    }

    /**
     * Subscribes to {@code pattern}, publishes to each topic (body = topic name), then to the last of
     * {@code expected} (the sentinel), and waits until every expected message arrived. Messages of
     * different topics may arrive in any order: an engine that keeps each topic in its own log (Kafka)
     * orders within a topic only.
     */
    private List<String> publishAndCollect(Destination.Topic pattern, List<String> topics, List<String> expected) {
        String sentinel = expected.get(expected.size() - 1);
        RecordingHandler handler = RecordingHandler.recording();
        broker.subscribe(pattern, null, handler, ConsumerOptions.DEFAULT);
        for (String topic : topics) {
            broker.publish(topic, Message.text(topic));
        }
        broker.publish(sentinel, Message.text(sentinel));
        eventually().until(() -> handler.bodies().containsAll(expected));
        return handler.bodies();
    }
}
