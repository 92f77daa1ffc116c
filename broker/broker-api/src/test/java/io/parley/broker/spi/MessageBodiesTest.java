package io.parley.broker.spi;

import io.parley.broker.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageBodiesTest {

    @Test
    void shouldHandEnginesTheMessagesOwnArray() {
        Message message = Message.of(new byte[] {1, 2, 3}, Message.OCTET_STREAM);

        byte[] array = MessageBodies.array(message);

        assertThat(array).containsExactly(1, 2, 3);
        assertThat(MessageBodies.array(message)).isSameAs(array);
        assertThat(message.body()).isNotSameAs(array).containsExactly(1, 2, 3);
    }

    @Test
    void shouldRefuseASecondReader() {
        Message.text("loads Message, which installs its reader");

        assertThatThrownBy(() -> MessageBodies.install(m -> new byte[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("installed already");
        assertThat(MessageBodies.array(Message.text("still the message's own"))).asString().isEqualTo("still the message's own");
    }
}
