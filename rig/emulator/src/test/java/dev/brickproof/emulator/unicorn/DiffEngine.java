package dev.brickproof.emulator.unicorn;

/**
 * One side of a differential run: loads the same code, RAM and registers, executes one instruction at a time
 * and exposes its architectural state. Unicorn's "one instruction" can be up to four inside an IT block, so
 * the runner syncs on PC.
 */
interface DiffEngine extends AutoCloseable {

    String name();

    /** Code region at 0 (vector table included), RAM window at {@link Gen#RAM_BASE}, r0..r15 and NZCVQ. */
    void load(byte[] codeRegion, byte[] ram, int[] registers, int apsr);

    /** Executes one instruction (Unicorn: one slice of count 1). */
    void step();

    /** r0..r15 into {@code out[0..15]}, xPSR into {@code out[16]}. */
    void state(int[] out);

    boolean inItBlock();

    void ram(byte[] into);

    @Override
    void close();
}
