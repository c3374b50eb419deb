package dev.brickproof.emulator.soc;

/**
 * A memory-mapped peripheral register block. Adding a peripheral: implement this, register the instance in
 * the chip's map ({@link Soc} builder for the part), and it is reachable on the bus at
 * [{@link #base()}, {@link #base()} + {@link #size()}). See rig/emulator/EMULATOR.md.
 *
 * <p>The bus hands over word-aligned offsets: a byte or half-word access is presented as a 32-bit
 * access at the enclosing word (writes carry the value shifted into its lane and the access size).
 * Reads may have side effects (e.g. reading a data register clears RXNE). Register state that must
 * survive {@link dev.brickproof.emulator.EmulatedBoard#snapshot()} lives in the object returned by
 * {@link #saveState()}.
 */
public interface Peripheral {

    String name();

    int base();

    int size();

    /** 32-bit read of the register at word-aligned {@code offset}. */
    int read(int offset);

    /**
     * Write to the register at word-aligned {@code offset}; {@code value} already shifted into the byte lane;
     * {@code size} in bytes (1, 2 or 4).
     */
    void write(int offset, int value, int size);

    /** Applies a reset of the given kind (power-on resets everything, system resets keep backup-domain bits). */
    void reset(ResetCause cause);

    /** An independent copy of all mutable state. */
    Object saveState();

    /** Restores a copy made by {@link #saveState()} (the argument is not retained: copy again). */
    void restoreState(Object state);

    /** Absolute virtual time (ps) of the next thing this peripheral does by itself, or Long.MAX_VALUE. */
    default long nextEventPs() {
        return Long.MAX_VALUE;
    }

    /** Virtual time has reached {@code nowPs}: perform every event due by then. */
    default void advanceTo(long nowPs) {
    }

    /**
     * True if reading the register at {@code offset} is a status poll that can only change at one of this
     * peripheral's (or the system's) events: idle fast-forward may skip time over a loop polling it.
     */
    default boolean isPollable(int offset) {
        return false;
    }
}
