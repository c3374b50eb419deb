package dev.brickproof.emulator.cpu;

/**
 * The Cortex-M4F's FPv4-SP extension state: S0..S31 (D0..D15 are pairs of them), the FPSCR (kept by
 * {@link FpArithmetic}), and the SCB's floating-point context registers FPCCR, FPCAR and FPDSCR.
 */
final class FloatingPointUnit {
    // FPCCR bits
    static final int LSPACT = 1, USER = 1 << 1, THREAD = 1 << 3, HFRDY = 1 << 4, MMRDY = 1 << 5, BFRDY = 1 << 6,
            MONRDY = 1 << 8, LSPEN = 1 << 30, ASPEN = 1 << 31;
    static final int FPCCR_WRITABLE = ASPEN | LSPEN | MONRDY | BFRDY | MMRDY | HFRDY | THREAD | USER | LSPACT;
    /** FPDSCR holds AHP, DN, FZ and RMode: the FPSCR values a new floating-point context starts with. */
    static final int FPDSCR_MASK = 0x07C0_0000;
    static final int MVFR0 = 0x1011_0021;
    static final int MVFR1 = 0x1100_0011;

    final int[] s = new int[32];
    final FpArithmetic arithmetic = new FpArithmetic();
    int fpccr;
    int fpcar;
    int fpdscr;

    void reset() {
        java.util.Arrays.fill(s, 0);
        arithmetic.fpscr = 0;
        fpccr = ASPEN | LSPEN;
        fpcar = 0;
        fpdscr = 0;
    }

    int fpscr() {
        return arithmetic.fpscr;
    }

    void setFpscr(int value) {
        arithmetic.fpscr = value & FpArithmetic.FPSCR_MASK;
    }

    /** A copy of all state, for snapshots. */
    State save() {
        return new State(s.clone(), arithmetic.fpscr, fpccr, fpcar, fpdscr);
    }

    void restore(State state) {
        System.arraycopy(state.s(), 0, s, 0, 32);
        arithmetic.fpscr = state.fpscr();
        fpccr = state.fpccr();
        fpcar = state.fpcar();
        fpdscr = state.fpdscr();
    }

    /** Saved floating-point state (the array is never handed out for writing). */
    record State(int[] s, int fpscr, int fpccr, int fpcar, int fpdscr) {
    }
}
