package dev.brickproof.emulator.cpu;

/**
 * A straight run of register-only instructions compiled into one JVM method by {@link BlockTranslator}. Running
 * it has exactly the effect of interpreting its instructions one after another: the compiled method calls the
 * same {@link CortexM} methods the interpreter's dispatch calls, with each instruction's encoding as a constant.
 *
 * <p>A block holds no memory access, no branch, no IT instruction and nothing that can fault, so it never
 * stops half-way and needs no attention check inside.
 */
final class TranslatedBlock {
    /** Marks a block head that was examined and found too short to be worth compiling. */
    static final TranslatedBlock NOT_TRANSLATED = new TranslatedBlock(null, 0, 0);

    /** The compiled instructions: returns the cycles they used. */
    interface Body {
        int run(CortexM cpu);
    }

    final Body body;
    final int instructions;
    /** Length of the run in bytes: the address after it is the next instruction. */
    final int bytes;
    /** An upper bound of the cycles the run uses (no translated kind takes more than two). */
    final int maxCycles;

    TranslatedBlock(Body body, int instructions, int bytes) {
        this.body = body;
        this.instructions = instructions;
        this.bytes = bytes;
        this.maxCycles = 2 * instructions;
    }
}
