package dev.brickproof.emulator;

import dev.brickproof.api.BoardStatus;

import dev.brickproof.api.PowerCut;

import dev.brickproof.api.FlashOperation;

import dev.brickproof.api.Chip;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One emulated STM32 board: core, memories, peripherals and the wires a rig touches (power, NRST, BOOT0,
 * GPIO inputs such as an update key, LED outputs, USART1).
 *
 * <p>Lockstep use (single thread, deterministic): the caller advances virtual time with {@link #runFor}
 * or {@link #runUntil}. Real-time use: hand the board to a {@link RealTimeRunner}, which owns it from then
 * on; other threads talk to it only through the runner.
 *
 * <p>Nothing that happens inside the firmware throws: faults, lock-ups and unimplemented instructions show
 * up in {@link #status()} and {@link #report()}.
 */
public interface EmulatedBoard {

    /** A new board, power off, flash erased (all 0xFF), option bytes at factory defaults. */
    static EmulatedBoard create(BoardOptions options) {
        return BoardFactory.create(options);
    }

    Chip chip();

    BoardOptions options();

    // ---- provisioning, as an SWD programmer would (no flash timing, no power-cut accounting) ----

    /** Erases the pages covering [address, address+data.length) and writes data there. Power state is irrelevant. */
    void programFlash(int address, byte[] data);

    /** Raw read of any mapped memory (flash cells as stored, RAM, system memory); no side effects. */
    byte[] readMemory(int address, int length);

    /** Erases all of main flash to 0xFF. */
    void eraseFlash();

    // ---- wires ----

    void setPower(boolean on);

    boolean isPowered();

    /** Drives NRST: true holds the core in reset; the falling edge of the hold (release) starts the boot. */
    void setResetAsserted(boolean asserted);

    /** The BOOT0 pin level sampled at reset (PH3 on the L431). */
    void setBoot0(boolean high);

    /** Drives a GPIO input pin, e.g. {@code setInput('A', 0, true)} for a key on PA0. */
    void setInput(char port, int pin, boolean high);

    /** Level of a GPIO output pin (e.g. an LED on PA4); false when the pin is not an output. */
    boolean output(char port, int pin);

    /** Called on every change of any GPIO output: port, pin, new level. */
    void onOutputChange(GpioListener listener);

    /** USART1 as seen from the host end of the wire. */
    Uart usart1();

    // ---- running ----

    /** Advances virtual time by {@code duration} (lockstep). Returns what the board is doing afterwards. */
    BoardStatus runFor(Duration duration);

    /**
     * Advances until {@code condition} holds (checked at least after every byte the board transmits,
     * every GPIO output change and every status change) or {@code virtualTimeout} passes.
     *
     * @return true when the condition held, false on timeout
     */
    boolean runUntil(BooleanSupplier condition, Duration virtualTimeout);

    /** Virtual time since this board object was created. */
    Duration now();

    /** Instructions executed since creation. */
    long instructions();

    BoardStatus status();

    // ---- faults on purpose ----

    /** Arms a power cut that the emulator performs itself at an exact point. Replaces any armed cut. */
    void armPowerCut(PowerCut cut);

    void disarmPowerCut();

    /** True once an armed cut has fired (power is then off until {@link #setPower}(true)). */
    boolean powerCutFired();

    /** Every erase/program the flash controller starts or finishes is reported here. */
    void onFlashOperation(Consumer<FlashOperation> listener);

    /**
     * The most recent flash operations, oldest first: the log keeps at least the last 4096, so a board cut and
     * re-provisioned thousands of times does not grow (indices keep counting from the board's creation).
     */
    List<FlashOperation> flashOperations();

    // ---- forking and forensics ----

    /**
     * Starts recording the board's flash footprint: which main-flash bytes it reads before writing them (fetches,
     * loads, the controller's checks, debugger reads) and which it writes or erases. Flash reads are slower while
     * recording (the bus's checked path).
     */
    void startFlashFootprint();

    /** Stops recording and returns the footprint since {@link #startFlashFootprint}. */
    dev.brickproof.api.FlashFootprint stopFlashFootprint();

    /** A cheap full copy (core, RAM, flash, peripherals, time, pending power cut). */
    Snapshot snapshot();

    void restore(Snapshot snapshot);

    /** Faults taken, lock-ups, unmodelled addresses touched (each listed once), resets and their causes. */
    RunReport report();

    /** Opaque, immutable board state. */
    interface Snapshot {
        Duration takenAt();
    }

    interface GpioListener {
        void changed(char port, int pin, boolean high);
    }
}
