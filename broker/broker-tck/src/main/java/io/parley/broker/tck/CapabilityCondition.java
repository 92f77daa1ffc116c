package io.parley.broker.tck;

import io.parley.broker.spi.Capability;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Skips a test or class marked {@link RequiresCapability} when the engine under test does not
 * declare every capability it names, with the reason
 * {@code engine 'artemis' does not declare capability PRIORITIES}. Asks the
 * {@link EngineProvider}, so no engine is started to decide. Stateless.
 */
public final class CapabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresCapability> annotation = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresCapability.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no capability");
        }
        Set<Capability> required = EnumSet.noneOf(Capability.class);
        required.addAll(Arrays.asList(annotation.get().value()));
        EngineProvider provider = EngineProviders.find(context);
        Set<Capability> missing = EnumSet.copyOf(required);
        missing.removeAll(provider.capabilities());
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("engine '" + provider.name() + "' declares " + names(required));
        }
        return ConditionEvaluationResult.disabled("engine '" + provider.name() + "' does not declare capabilit"
                + (missing.size() == 1 ? "y " : "ies ") + names(missing));
    }

    private static String names(Set<Capability> capabilities) {
        return capabilities.stream().map(Capability::name).collect(Collectors.joining(", "));
    }
}
