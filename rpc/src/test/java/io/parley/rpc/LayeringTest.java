package io.parley.rpc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** rpc -> broker (API only), naming (client only): no broker implementation, engine or naming server type. */
class LayeringTest {

    private static final JavaClasses RPC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.rpc");

    @Test
    void shouldImportTheRpcClasses() {
        assertThat(RPC.contain(RpcClient.class)).isTrue();
        assertThat(RPC.contain(RpcServer.class)).isTrue();
    }

    @Test
    void rpcShouldUseTheBrokerOnlyThroughItsApi() {
        noClasses().that().resideInAPackage("io.parley.rpc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.broker.core..", "io.parley.broker.artemis..",
                        "io.parley.broker.kafka..", "io.parley.broker.gateway..", "io.parley.broker.routing..", "io.parley.broker.spi..",
                        "org.apache.activemq..", "org.apache.kafka..", "io.parley.naming.server..", "io.parley.node..")
                .check(RPC);
    }
}
