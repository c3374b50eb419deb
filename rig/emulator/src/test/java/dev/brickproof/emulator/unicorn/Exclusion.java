package dev.brickproof.emulator.unicorn;

import java.util.function.Predicate;

/**
 * An encoding the generator must not emit, with why: either a known core bug (finding id in
 * rig/emulator/DIFF_FINDINGS.md, to be removed when fixed) or a Unicorn deviation from the ARMv7-M ARM.
 */
record Exclusion(String id, String why, Predicate<Insn> matches) {

    /** Matches 32-bit encodings whose first half-word masked with {@code mask1} equals {@code value1}, etc. */
    static Predicate<Insn> wide(int mask1, int value1, int mask2, int value2) {
        return i -> i.isWide() && (i.hw1() & mask1) == value1 && (i.hw2() & mask2) == value2;
    }

    static Predicate<Insn> narrow(int mask, int value) {
        return i -> !i.isWide() && (i.hw1() & mask) == value;
    }
}
