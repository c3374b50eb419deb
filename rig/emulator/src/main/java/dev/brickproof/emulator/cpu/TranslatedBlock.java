package dev.brickproof.emulator.cpu;

/**
 * A straight run of instructions compiled into one JVM method by {@link BlockTranslator}. Running it has exactly
 * the effect of interpreting its instructions one after another: the compiled method calls the same
 * {@link CortexM} methods the interpreter's dispatch calls, with each instruction's encoding as a constant.
 *
 * <p>A run holds no IT instruction. Its loads and stores see the core's cycles, instruction count and pc as the
 * interpreter leaves them before that instruction (so peripherals sync at the exact cycle, and a faulting access
 * leaves the interpreter's state); after an access that asks for the core's attention the run stops, as the
 * interpreter's loop does. A branch can only be its last instruction; a run whose branch goes back to its own
 * start loops inside the method while the next pass fits before the slice's cycle limit.
 */
final class TranslatedBlock {
    /** Marks a block head that was examined and found too short to be worth compiling. */
    static final TranslatedBlock NOT_TRANSLATED = new TranslatedBlock(null, 0, 0, 0);

    /** The compiled instructions: they update the core's cycles, instruction count and pc themselves. */
    interface Body {
        void run(CortexM cpu, long cycleLimit);
    }

    final Body body;
    final int instructions;
    /** Length of the run in bytes. */
    final int bytes;
    /** An upper bound of the cycles one pass through the run uses. */
    final int maxCycles;

    TranslatedBlock(Body body, int instructions, int bytes, int maxCycles) {
        this.body = body;
        this.instructions = instructions;
        this.bytes = bytes;
        this.maxCycles = maxCycles;
    }
}
