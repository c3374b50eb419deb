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

    /** Words of {@link #fpState}: S0..S31, FPSCR, CONTROL.FPCA. */
    int FP_STATE_WORDS = 34;

    /** S0..S31 and FPSCR (Cortex-M4F), CONTROL back to 0 and CP10/CP11 enabled; after {@link #load}. */
    default void loadFp(int[] s, int fpscr) {
        throw new UnsupportedOperationException(name() + " has no floating-point unit");
    }

    /** S0..S31 into {@code out[0..31]}, FPSCR into {@code out[32]}, CONTROL.FPCA (bit 2 only) into {@code out[33]}. */
    default void fpState(int[] out) {
        throw new UnsupportedOperationException(name() + " has no floating-point unit");
    }

    @Override
    void close();
}
