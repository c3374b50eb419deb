package dev.brickproof.rig.driver;

import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import java.util.List;

/**
 * Stimuli and forensics that only an emulated board offers: exact power cuts, core status, flash operation log,
 * SWD-style provisioning. Obtained from {@code Board.simulated()}, so tests never cast.
 */
public interface SimulatedBoard {

    /** Arms a power cut the emulator performs itself at an exact flash operation or instruction. */
    void armPowerCut(PowerCut cut);

    void disarmPowerCut();

    boolean powerCutFired();

    BoardStatus status();

    /** The detail of the board's last recorded event (fault, lockup, reset, ...), if any. */
    java.util.Optional<String> lastEvent();

    List<FlashOperation> flashOperations();

    /**
     * Sets the one listener told about every flash operation the board starts or finishes (called on the
     * board's thread: keep it short, never call back into the board). Null removes it.
     */
    void onFlashOperation(java.util.function.Consumer<FlashOperation> listener);

    /** Writes an image at an address as a programmer would (no timing, no power-cut accounting). */
    void program(int address, byte[] data);

    /** Erases all of main flash. */
    void eraseFlash();
}
