package io.parley.broker.tck;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.util.Optional;

/**
 * Finds the {@link EngineProvider} of a test class: the {@link EngineUnderTest} on the class, its
 * superclasses or its enclosing classes. One provider instance per provider class and test run,
 * kept in the root extension store. Stateless; called from JUnit's threads.
 */
final class EngineProviders {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EngineProviders.class);

    private EngineProviders() {
    }

    static EngineProvider find(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Class<? extends EngineProvider> providerClass = providerClass(testClass)
                .orElseThrow(() -> new ExtensionConfigurationException("conformance class " + testClass.getName()
                        + " names no engine: put @EngineUnderTest on it, a superclass, or an enclosing class"));
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(providerClass, ReflectionSupport::newInstance, EngineProvider.class);
    }

    private static Optional<Class<? extends EngineProvider>> providerClass(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<EngineUnderTest> annotation = AnnotationSupport.findAnnotation(type, EngineUnderTest.class);
            if (annotation.isPresent()) {
                return Optional.of(annotation.get().value());
            }
        }
        return Optional.empty();
    }
}
