package dev.brickproof.scenarios;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RigDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The default rig (fixtures/rigs/emulated.yaml) and every (board, bootloader variant) pair on it. */
final class ReferenceRig {
    private ReferenceRig() { }

    static Path root() {
        return Path.of(System.getProperty("brickproof.root", "../.."));
    }

    static RigDescription load() {
        return new RigFileLoader(root().resolve("reports/runs")).load(root().resolve("fixtures/rigs/emulated.yaml"));
    }

    /** Rows of (board id, variant, whether the variant's manifest promises a brick or corruption somewhere). */
    static Object[][] boardsAndVariants() {
        List<Object[]> rows = new ArrayList<>();
        for (BoardResource b : load().boards()) {
            b.firmwareProfile().ifPresent(fw -> {
                List<FirmwareImage> boots = new ArrayList<>();
                boots.add(fw.bootloader());
                fw.variants().values().stream().filter(FirmwareImage::isBootloader)
                        .filter(v -> !v.expectedOutcome().isEmpty()).forEach(boots::add);   // not the trial-boot ones
                for (FirmwareImage boot : boots) {
                    rows.add(new Object[] {b.id(), boot.variant(), negativeControl(boot)});
                }
            });
        }
        return rows.toArray(Object[][]::new);
    }

    static boolean negativeControl(FirmwareImage boot) {
        return boot.expectedOutcome().containsValue(Outcome.BRICKED)
                || boot.expectedOutcome().containsValue(Outcome.CORRUPTED);
    }
}
