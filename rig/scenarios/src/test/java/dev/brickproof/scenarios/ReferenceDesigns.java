package dev.brickproof.scenarios;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.RigDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reference bootloader of fixtures/firmware, each described as data by a rig file: the default rig
 * (fixtures/rigs/emulated.yaml) and, for the designs no shipped rig lists (the F103 YMODEM loaders), the
 * test-only rig src/test/resources/rigs/f103-ymodem.yaml. Boards open alone, in lockstep.
 */
final class ReferenceDesigns {
    private ReferenceDesigns() { }

    /** One bootloader image on one board of one rig file. */
    record Bootloader(RigDescription rig, String board, FirmwareImage image) {
        Rig open() {
            BoardResource b = rig.board(board).orElseThrow();
            RigDescription alone = new RigDescription(rig.file(), rig.name() + "-" + board + "-" + image.variant(),
                    rig.gpio(), rig.runs(), List.of(b));
            return Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false));
        }

        @Override
        public String toString() {
            return board + "/" + image.variant();
        }
    }

    static RigDescription f103Ymodem() {
        return new RigFileLoader(ReferenceRig.root().resolve("reports/runs"))
                .load(ReferenceRig.root().resolve("rig/scenarios/src/test/resources/rigs/f103-ymodem.yaml"));
    }

    /** The board's own bootloader and every bootloader variant with power-cut promises, of every board of both rigs. */
    static List<Bootloader> bootloaders() {
        List<Bootloader> all = new ArrayList<>();
        for (RigDescription rig : List.of(ReferenceRig.load(), f103Ymodem())) {
            for (BoardResource b : rig.boards()) {
                b.firmwareProfile().ifPresent(fw -> {
                    all.add(new Bootloader(rig, b.id(), fw.bootloader()));
                    // not the trial-boot variants: they promise no power-cut outcomes (TrialBootScenarioTest)
                    fw.variants().values().stream().filter(FirmwareImage::isBootloader)
                            .filter(v -> !v.expectedOutcome().isEmpty())
                            .forEach(v -> all.add(new Bootloader(rig, b.id(), v)));
                });
            }
        }
        return all;
    }

    /** The seed designs' bootloaders (D1, D3, D5, YMODEM, D4): the vendor-HAL-style loaders have tests of their own. */
    static List<Bootloader> seedBootloaders() {
        return bootloaders().stream().filter(b -> !b.image().design().startsWith("HAL-")).toList();
    }
}
