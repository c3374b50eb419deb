package dev.brickproof.suites;

import dev.brickproof.rig.resource.UpdatePhase;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which cut points of a design a real-time run makes, from the suite parameter {@code realTimeCutPoints}:
 * {@code "<design> <variant>: <phase> <phase> ...; ..."}, e.g. {@code "D4-IP robust: transfer apply"}. A design
 * that is not listed runs every phase its manifests list; a listed design runs only the listed pairs (so a
 * variant of it that is not listed runs none). Lockstep runs ignore the sample and make every cut.
 */
final class CutPointSample {
    private final Map<String, Set<UpdatePhase>> byDesignAndVariant;
    private final Set<String> designs;

    private CutPointSample(Map<String, Set<UpdatePhase>> byDesignAndVariant, Set<String> designs) {
        this.byDesignAndVariant = byDesignAndVariant;
        this.designs = designs;
    }

    /** Every cut point of every design. */
    static CutPointSample all() {
        return new CutPointSample(Map.of(), Set.of());
    }

    static CutPointSample parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return all();
        }
        Map<String, Set<UpdatePhase>> pairs = new LinkedHashMap<>();
        Set<String> designs = new LinkedHashSet<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] keyAndPhases = entry.split(":", 2);
            String[] key = keyAndPhases[0].trim().split("\\s+");
            if (keyAndPhases.length != 2 || key.length != 2) {
                throw new IllegalArgumentException("suite parameter realTimeCutPoints: '" + entry.trim() + "' is not"
                        + " '<design> <variant>: <phase> ...'; write e.g. 'D4-IP robust: transfer apply'");
            }
            designs.add(key[0]);
            Set<UpdatePhase> phases = pairs.computeIfAbsent(key[0] + " " + key[1], k -> new LinkedHashSet<>());
            for (String phase : keyAndPhases[1].trim().split("\\s+")) {
                phases.add(UpdatePhase.fromKey(phase));
            }
        }
        return new CutPointSample(pairs, designs);
    }

    boolean includes(String design, String variant, UpdatePhase phase) {
        return !designs.contains(design)
                || byDesignAndVariant.getOrDefault(design + " " + variant, Set.of()).contains(phase);
    }
}
