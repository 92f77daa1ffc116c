package io.parley.naming.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Naming never depends on the broker: no class of the name server imports a broker or engine type. */
class LayeringTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.naming");

    @Test
    void shouldImportTheServerClasses() {
        assertThat(SERVER.contain(NamingServer.class)).isTrue();
    }

    @Test
    void namingShouldNotDependOnTheBroker() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.parley.broker..", "io.parley.rpc..",
                "io.parley.coordinator..", "io.parley.node..", "org.apache.activemq..", "org.apache.kafka..", "jakarta.jms..")
                .check(SERVER);
    }

    @Test
    void theClientShouldNotDependOnTheServer() {
        noClasses().that().resideInAPackage("io.parley.naming").should().dependOnClassesThat()
                .resideInAnyPackage("io.parley.naming.server..").check(SERVER);
    }
}
