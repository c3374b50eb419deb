package dev.brickproof.fuzz;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.RigDescription;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The rig file and firmware manifest loaders fed mutated YAML: a configuration error, or a valid rig. */
@AddLifecycleHook(FuzzBudget.class)
class ConfigProperties {
    static final Outcome LOADER = Outcome.documents(RigConfigurationException.class);

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @FuzzTarget(value = "RigFileLoader.load", sample = 60, campaign = 8_000, maxCaseMegabytes = 96)
    void aMutatedRigFileLoadsOrIsAConfigurationError(@ForAll("rigFiles") String text) {
        Workspace ws = Workspace.ofThisRun();
        Path file = Workspace.write(ws.rigs(), "fuzzed.yaml", text);
        RigDescription rig = Cases.current().check(LOADER, () -> new RigFileLoader(ws.rigs().resolve("runs")).load(file));
        if (rig != null) {
            org.assertj.core.api.Assertions.assertThat(rig.boards()).isNotEmpty();
        }
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @FuzzTarget(value = "FirmwareManifests.load", sample = 60, campaign = 8_000, maxCaseMegabytes = 64)
    void aMutatedManifestLoadsOrIsAConfigurationError(@ForAll("manifests") String text) {
        Workspace ws = Workspace.ofThisRun();
        Path file = Workspace.write(ws.firmware(), "fuzzed.yaml", text);
        Cases.current().check(LOADER, () -> new FirmwareManifests().load(file));
    }

    @Provide
    Arbitrary<String> rigFiles() {
        Workspace ws = Workspace.ofThisRun();
        return mutatedYaml(ws.texts(ws.rigs(), ".yaml"));
    }

    @Provide
    Arbitrary<String> manifests() {
        Workspace ws = Workspace.ofThisRun();
        return mutatedYaml(ws.texts(ws.firmware(), ".yaml"));
    }

    private static Arbitrary<String> mutatedYaml(java.util.List<String> seeds) {
        Arbitrary<YamlMutation> mutation = Combinators.combine(Arbitraries.integers().between(0, YamlMutation.KINDS - 1),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 10_000))
                .as(YamlMutation::new);
        Arbitrary<YamlTreeMutation> edit = Combinators.combine(
                Arbitraries.integers().between(0, YamlTreeMutation.KINDS - 1),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 10_000))
                .as(YamlTreeMutation::new);
        // structural edits keep the YAML valid and reach the loaders' checks; text edits test the parser's errors
        Arbitrary<String> structural = Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(3))
                .as(YamlTreeMutation::applyAll);
        Arbitrary<String> textual = Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as(YamlMutation::applyAll);
        Arbitrary<String> both = Combinators.combine(structural, mutation.list().ofMaxSize(2)).as(YamlMutation::applyAll);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, structural), net.jqwik.api.Tuple.of(2, textual),
                net.jqwik.api.Tuple.of(1, both));
    }
}
