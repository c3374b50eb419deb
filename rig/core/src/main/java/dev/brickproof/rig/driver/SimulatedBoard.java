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

    /**
     * Pulls the console cable once the host has sent {@code hostBytes} more bytes (0: now): from then on bytes
     * are lost both ways, the board stays powered, until {@link #plugLinkIn}.
     */
    void pullLinkAfter(long hostBytes);

    /** Puts the console cable back (and disarms a pull that has not happened yet). */
    void plugLinkIn();

    /** True while the console cable is out. */
    boolean linkPulled();

    /** Bytes the host has sent to the board's console since the board was opened (lost ones included). */
    long hostBytesSent();

    /**
     * Starts recording which main-flash bytes the board (and the host's read-back) reads before writing them,
     * and which it writes: see {@link dev.brickproof.api.FlashFootprint}.
     */
    void startFlashFootprint();

    /** Stops recording and returns the footprint. */
    dev.brickproof.api.FlashFootprint stopFlashFootprint();

    /**
     * A copy of the whole board (core, RAM, flash, peripherals, virtual time, armed cut) to fork from; see
     * {@link #restore}. Host-side state (console buffers, strategies) is not part of it.
     */
    Snapshot snapshot();

    /** Puts the board back into the state of {@code snapshot}, taken from this board. */
    void restore(Snapshot snapshot);

    /** Opaque, immutable board state from {@link #snapshot()}. */
    interface Snapshot {
        /** The board's virtual time when the snapshot was taken. */
        java.time.Duration takenAt();
    }
}
