package io.parley.naming;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The naming client never depends on the broker (nor on the server, nor on an HTTP server framework). */
class LayeringTest {

    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.naming");

    @Test
    void shouldImportTheClientClasses() {
        assertThat(CLIENT.contain(Resolver.class)).isTrue();
    }

    @Test
    void clientShouldNotDependOnBrokerServerOrHttpServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.parley.broker..", "io.parley.naming.server..",
                "jakarta.ws.rs..", "org.glassfish..", "org.hibernate..", "org.apache.activemq..", "org.apache.kafka..")
                .check(CLIENT);
    }
}
