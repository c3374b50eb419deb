package dev.brickproof.fuzz;

import java.nio.file.Path;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every {@link FuzzTarget} property its tries and seed for this mode (default sample or {@code -Pfuzz}
 * campaign), opens its {@link TargetStats} for {@link Cases} to fill, and writes the ledger when it ends.
 * Register with {@code @AddLifecycleHook(FuzzBudget.class)} on a properties class.
 */
public final class FuzzBudget implements AroundPropertyHook {
    /** Registered on a properties class, it applies to each property in it. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        FuzzTarget target = context.findAnnotation(FuzzTarget.class).orElseThrow(() -> new IllegalStateException(
                context.label() + " is registered with FuzzBudget but has no @FuzzTarget"));
        Mode mode = Mode.fromSystemProperties();
        String name = context.containerClass().getSimpleName() + "#" + context.targetMethod().getName();
        String seed = mode.seedFor(target.value() + "#" + name);
        context.attributes().setTries(mode.campaign() ? target.campaign() : target.sample());
        context.attributes().setSeed(seed);
        FuzzLedger ledger = FuzzLedger.ofThisRun();
        Cases cases = ledger.open(target.value(), name, seed, target);
        PropertyExecutionResult result = property.execute();
        ledger.close(cases, result.status().name());
        ledger.write(reportFile(mode), mode);
        return result;
    }

    private static Path reportFile(Mode mode) {
        String configured = System.getProperty("brickproof.fuzz.report");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return mode.campaign() ? mode.root().resolve("reports/bench/fuzz.json") : Path.of("target/fuzz-sample.json");
    }
}
