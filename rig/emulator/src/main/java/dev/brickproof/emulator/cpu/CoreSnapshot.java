package dev.brickproof.emulator.cpu;

/**
 * A full, immutable-by-convention copy of a {@link CortexM}'s state: registers, flags, masks, NVIC, SysTick,
 * SCB registers, floating-point registers and context (Cortex-M4F), cycle and instruction counts. Taken with {@link CortexM#snapshot()}, put back with
 * {@link CortexM#restore}; the decoded-instruction cache is not part of it.
 */
public final class CoreSnapshot {
    int[] r;
    int pc;
    int flags;
    boolean tbit;
    int primask;
    int faultmask;
    int basepri;
    int control;
    boolean onPsp;
    int otherSp;
    boolean eventRegister;
    boolean sleepOnWfe;
    boolean exclusive;
    int exclusiveAddress;
    long cycles;
    long instructions;
    CoreState state;
    String haltReason;
    Nvic nvic;
    SysTick sysTick;
    SystemControlSpace.Registers scs;
    /** Null on the Cortex-M3. */
    FloatingPointUnit.State fpu;

    CoreSnapshot() {
    }

    public long cycles() {
        return cycles;
    }

    public long instructions() {
        return instructions;
    }

    public int pc() {
        return pc;
    }

    public CoreState state() {
        return state;
    }
}
