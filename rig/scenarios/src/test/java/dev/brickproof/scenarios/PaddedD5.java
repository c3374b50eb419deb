package dev.brickproof.scenarios;

import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RigDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference rig with the D5 board's update padded to {@code size} bytes: v2.0 followed by seeded
 * non-erased filler (generated here, never committed), so that every half-word of the padding is programmed
 * into APPBAK and copied into APP — a D5-style update of about one flash operation per byte.
 */
final class PaddedD5 {
    private PaddedD5() { }

    static RigDescription rig(int size) {
        RigDescription rig = ReferenceRig.load();
        List<BoardResource> boards = new ArrayList<>();
        for (BoardResource b : rig.boards()) {
            boards.add(b.id().equals("f103-d5") ? padded(b, size) : b);
        }
        return new RigDescription(rig.file(), rig.name(), rig.gpio(), rig.runs(), boards);
    }

    private static BoardResource padded(BoardResource b, int size) {
        FirmwareProfile fw = b.firmwareProfile().orElseThrow();
        FirmwareImage v2 = fw.update();
        try {
            byte[] image = Files.readAllBytes(v2.file());
            byte[] big = Arrays.copyOf(image, size);
            SplittableRandom r = new SplittableRandom(19);
            for (int i = image.length; i < size; i++) {
                big[i] = (byte) r.nextInt(0x00, 0xFF); // never 0xFF: every half-word is programmed
            }
            Path file = Files.createTempFile("d5-app-v2.0-padded-", ".bin");
            file.toFile().deleteOnExit();
            Files.write(file, big);
            FirmwareImage paddedV2 = new FirmwareImage(v2.manifest(), file, v2.chip(), v2.design(), v2.role(),
                    v2.variant(), v2.version(), v2.loadAddress(), size, FirmwareManifests.sha256(big), v2.banner(),
                    v2.expectedOutcome(), v2.layout());
            FirmwareProfile paddedFw = new FirmwareProfile(fw.design(), fw.updateEntry(), fw.protocol(),
                    fw.appBanner(), fw.bootBanner(), fw.bootloader(), fw.app(), paddedV2, fw.variants(), fw.pacing(),
                    fw.entryCommand(), fw.provisionWrites());
            return new BoardResource(b.id(), b.chip(), b.serial(), b.reset(), b.boot0(), b.updateKey(), b.power(),
                    b.timing(), paddedFw, b.emulated());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
