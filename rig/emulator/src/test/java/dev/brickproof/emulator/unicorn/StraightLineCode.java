package dev.brickproof.emulator.unicorn;

import java.util.Random;

/**
 * The benchmark's straight-line workload: {@value #BLOCK} random register-only ALU instructions (16- and
 * 32-bit, the same mix as the generator's branch bodies) followed by a branch back to the first one. Fixed
 * seed, so every run measures the same code. Code region at 0 with a two-word vector table.
 */
public final class StraightLineCode {
    public static final int CODE_SIZE = 0x1_0000;
    public static final int ENTRY = 0x100;
    static final int BLOCK = 4096;

    private StraightLineCode() {
    }

    public static byte[] image() {
        Gen g = new Gen(new Random(42), "straight-line");
        while (g.out.size() < BLOCK) {
            InstructionClass.simpleAlu(g);
        }
        int size = g.bytes();
        g.emit(Thumb.b32(false, -(size + 4)));
        byte[] image = new byte[CODE_SIZE];
        put32(image, 0, ProgramImage.RAM_BASE + 0x1000);
        put32(image, 4, ENTRY | 1);
        int pc = ENTRY;
        for (Insn insn : g.out) {
            pc = put(image, pc, insn);
        }
        return image;
    }

    /** Writes one instruction at {@code at} (little-endian half-words); returns the address after it. */
    static int put(byte[] b, int at, Insn insn) {
        put16(b, at, insn.hw1());
        if (insn.isWide()) {
            put16(b, at + 2, insn.hw2());
        }
        return at + insn.size();
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v);
        put16(b, at + 2, v >>> 16);
    }
}
