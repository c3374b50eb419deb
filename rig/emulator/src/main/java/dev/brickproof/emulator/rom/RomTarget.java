package dev.brickproof.emulator.rom;

import dev.brickproof.api.Chip;
import java.time.Duration;

/**
 * What the emulated system-memory bootloader ({@link RomBootloader}) may do to its board. The board
 * implements it; flash writes and erases go through the board's flash controller so that rules, timing
 * and power-cut accounting apply exactly as they would to firmware-driven operations.
 */
public interface RomTarget {

    Chip chip();

    /** Reads memory as the loader would (flash, RAM, system memory, option bytes); null if not readable. */
    byte[] read(int address, int length);

    /**
     * Writes {@code data} at {@code address}: flash through the flash controller, RAM directly.
     *
     * @return the virtual time the write keeps the loader busy, or null when refused (the loader NACKs)
     */
    Duration write(int address, byte[] data);

    /** Erases the given page numbers; busy time, or null when refused. */
    Duration erasePages(int[] pages);

    /** Erases all of main flash; busy time, or null when refused. */
    Duration massErase();

    /** Leaves the loader: the core starts with MSP = [address] and PC = [address + 4]. */
    void go(int address);

    /** Sends one byte to the host; it leaves the TX pin at the line rate. */
    void transmit(int value);
}
