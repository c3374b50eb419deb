package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
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
        if (board.simulated().isEmpty()) {
            provisionThroughRom(board, images);
            return;
        }
        SimulatedBoard sim = board.simulated().get();
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

    /** Through the STM32 ROM bootloader (BOOT0 + reset, AN3155), then power off. */
    public static void provisionThroughRom(Board board, List<FirmwareImage> images) {
        java.util.Map<Integer, byte[]> writes = new java.util.LinkedHashMap<>();
        for (FirmwareImage image : images) {
            try {
                writes.put(image.loadAddress(), Files.readAllBytes(image.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        board.resource().firmwareProfile().ifPresent(fw -> writes.putAll(fw.provisionWrites()));
        romLoader(board).program(writes);
        board.power().off();
    }

    /** A ROM-bootloader flash loader on the board's own console port and pins. */
    public static RomFlashLoader romLoader(Board board) {
        return new RomFlashLoader(board.console(), board.power(), board.reset(), board.bootMode(),
                board.resource().chip(), board.resource().serial().baud(), board.clock());
    }
}
