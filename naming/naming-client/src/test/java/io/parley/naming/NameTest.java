package io.parley.naming;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameTest {

    @Test
    void shouldParseLabelsInLowerCase() {
        Name name = Name.parse("/NL/vu/CS/ftp");
        assertThat(name.labels()).containsExactly("nl", "vu", "cs", "ftp");
        assertThat(name).hasToString("/nl/vu/cs/ftp").isEqualTo(Name.parse("/nl/VU/cs/FTP"));
        assertThat(name.prefix(2)).hasToString("/nl/vu");
        assertThat(name.relativeTo(Name.parse("/nl"))).isEqualTo("vu/cs/ftp");
        assertThat(name.isWithin(Name.ROOT)).isTrue();
        assertThat(Name.parse("/")).isSameAs(Name.ROOT);
        assertThat(Name.parseRelativeToRoot("nl/vu")).hasToString("/nl/vu");
    }

    @Test
    void shouldRefuseABadLabelNamingItAndTheRule() {
        assertThatThrownBy(() -> Name.parse("/nl/v_u"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("label 'v_u' of name '/nl/v_u' breaks the rule [a-z0-9-]{1,63} (letters, digits and '-', 1 to 63 characters, compared case-insensitively)");
        assertThatThrownBy(() -> Name.parse("/nl//vu")).hasMessageContaining("label ''");
        assertThatThrownBy(() -> Name.parse("/nl/")).hasMessageContaining("label ''");
        assertThatThrownBy(() -> Name.parse("/" + "a".repeat(64))).hasMessageContaining("1 to 63 characters");
        assertThatThrownBy(() -> Name.parse("nl/vu")).hasMessageContaining("not absolute");
        assertThatThrownBy(() -> Name.parse("")).hasMessageContaining("name is empty");
    }

    @Test
    void shouldRefuseANameLongerThan255Characters() {
        String text = ("/" + "a".repeat(63)).repeat(4);
        assertThat(Name.parse(text.substring(0, 255)).toString()).hasSize(255);
        assertThatThrownBy(() -> Name.parse(text)).hasMessageContaining("is 256 characters, over the limit of 255");
    }

    @Test
    void shouldValidateRecords() {
        assertThatThrownBy(() -> new NameRecord(RecordType.QUEUE, List.of("q"), -1, Map.of()))
                .hasMessage("record field 'ttlMs' is -1, outside 0..604800000 (7 days)");
        assertThatThrownBy(() -> NameRecord.delegation(1000, List.of("nl-server:8080")))
                .hasMessageContaining("delegation address 'nl-server:8080' is no name server URL");
        assertThatThrownBy(() -> RecordType.of("printer")).hasMessageContaining("[queue, topic, service, participant, coordinator, host, text, delegation]");
        assertThat(RecordType.of("Delegation")).isEqualTo(RecordType.DELEGATION);
    }

    @Test
    void shouldParseVersionTokens() {
        assertThat(VersionToken.parse("/nl@17")).isEqualTo(new VersionToken(Name.parse("/nl"), 17));
        assertThat(VersionToken.parseAll("/nl@3, /@9")).containsExactly(new VersionToken(Name.parse("/nl"), 3),
                new VersionToken(Name.ROOT, 9));
        assertThatThrownBy(() -> VersionToken.parse("/nl")).hasMessageContaining("/zone@serial");
        assertThatThrownBy(() -> VersionToken.parse("/nl@x")).hasMessageContaining("no serial");
    }
}
