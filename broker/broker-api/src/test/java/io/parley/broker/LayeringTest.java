package io.parley.broker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The broker's API and SPI are engine-neutral: no Artemis, Kafka or other engine type may appear in them. */
class LayeringTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.broker");

    @Test
    void shouldImportTheApiClasses() {
        assertThat(API.contain(Broker.class)).isTrue();
        assertThat(API.contain(io.parley.broker.spi.Engine.class)).isTrue();
    }

    @Test
    void apiAndSpiShouldNotDependOnAnyEngineType() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.parley.broker", "io.parley.broker.spi")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.activemq..", "org.apache.kafka..", "jakarta.jms..", "javax.jms..",
                        "io.netty..", "org.apache.qpid..");
        rule.check(API);
    }

    @Test
    void apiShouldNotDependOnImplementationPackages() {
        noClasses().that().resideInAnyPackage("io.parley.broker", "io.parley.broker.spi")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.broker.core..", "io.parley.broker.artemis..",
                        "io.parley.broker.kafka..", "io.parley.broker.gateway..")
                .check(API);
    }
}
