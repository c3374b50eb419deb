package dev.brickproof.api;

import java.time.Duration;

/**
 * One erase or program operation performed by a flash controller (or by the ROM bootloader through it).
 *
 * @param index    running index since power-on counting (used by {@link PowerCut})
 * @param kind     what was done
 * @param address  first byte touched (page start for erases)
 * @param length   bytes touched (page size, program unit, or whole flash for mass erase)
 * @param duration virtual time the controller was busy
 * @param outcome  COMPLETED, or the error flag the controller raised, or TORN when power dropped during it
 */
public record FlashOperation(long index, Kind kind, int address, int length, Duration duration, Outcome outcome) {
    public enum Kind { PAGE_ERASE, MASS_ERASE, PROGRAM }

    public enum Outcome { COMPLETED, PROGRAM_ERROR, WRITE_PROTECT_ERROR, ALIGNMENT_ERROR, SIZE_ERROR, SEQUENCE_ERROR, TORN }
}
