package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.resource.FirmwareImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Puts a known set of images on a board (design D2's provisioning): the whole flash erased, then each image
 * at its load address. On an emulated board this is the SWD-programmer path; on hardware it goes through
 * the STM32 ROM bootloader (AN3155).
 */
public final class Provisioner {
    private Provisioner() { }

    /** Leaves the board powered off with exactly {@code images} in flash, plus the profile's provisioning writes. */
    public static void provision(Board board, List<FirmwareImage> images) {
        SimulatedBoard sim = board.simulated().orElseThrow(() -> new BoardStateException("board " + board.id()
                + ": provisioning real hardware needs the AN3155 ROM-bootloader client, which this build does not"
                + " have yet; program the board with stm32flash (see README) and run the scenarios without provisioning"));
        board.bootMode().selectNormalBoot();
        board.power().off();
        sim.disarmPowerCut();
        sim.eraseFlash();
        for (FirmwareImage image : images) {
            try {
                sim.program(image.loadAddress(), Files.readAllBytes(image.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        board.resource().firmwareProfile().ifPresent(fw -> fw.provisionWrites().forEach(sim::program));
    }
}
