package dev.brickproof.emulator.unicorn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Emission context for the instruction-stream generator: the random source, the instructions emitted so
 * far, whether we are inside an IT block, and which registers the current item must not disturb (a base
 * register between LDREX and STREX, for instance).
 */
final class Gen {
    static final int RAM_BASE = 0x2000_0000;
    static final int RAM_SIZE = 0x1000;
    /** Initial SP: the middle of the RAM window, so PUSH, POP and SP-relative accesses stay inside it. */
    static final int INITIAL_SP = RAM_BASE + 0x800;

    /** Registers the generator treats as plain data: r0..r12 and lr. */
    static final int[] DATA_REGS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14};

    final Random rnd;
    final List<Insn> out = new ArrayList<>();
    private final String encodingClass;
    private boolean inIt;
    private int reserved;

    Gen(Random rnd, String encodingClass) {
        this.rnd = rnd;
        this.encodingClass = encodingClass;
    }

    /** A fresh context for a branch body: same randomness and reservations, its own output. */
    Gen body() {
        Gen g = new Gen(rnd, encodingClass);
        g.inIt = inIt;
        g.reserved = reserved;
        return g;
    }

    boolean inIt() {
        return inIt;
    }

    void setInIt(boolean inIt) {
        this.inIt = inIt;
    }

    /** 16-bit data processing sets flags only outside IT blocks. */
    boolean flags16() {
        return !inIt;
    }

    void reserve(int reg) {
        reserved |= 1 << reg;
    }

    void release(int reg) {
        reserved &= ~(1 << reg);
    }

    void releaseAll() {
        reserved = 0;
    }

    boolean isReserved(int reg) {
        return (reserved & (1 << reg)) != 0;
    }

    void emit(Insn insn) {
        out.add(insn.inClass(encodingClass));
    }

    void emitAll(Gen body) {
        out.addAll(body.out);
    }

    int bytes() {
        int n = 0;
        for (Insn i : out) {
            n += i.size();
        }
        return n;
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    int between(int lo, int hiInclusive) {
        return lo + rnd.nextInt(hiInclusive - lo + 1);
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    boolean coin() {
        return rnd.nextBoolean();
    }

    /** A low register (r0..r7) not reserved. */
    int lo() {
        while (true) {
            int r = rnd.nextInt(8);
            if (!isReserved(r)) {
                return r;
            }
        }
    }

    /** A data register (r0..r12, lr) not reserved. */
    int data() {
        while (true) {
            int r = DATA_REGS[rnd.nextInt(DATA_REGS.length)];
            if (!isReserved(r)) {
                return r;
            }
        }
    }

    /** A data register different from the given ones. */
    int dataExcept(int... not) {
        while (true) {
            int r = data();
            boolean clash = false;
            for (int n : not) {
                clash |= r == n;
            }
            if (!clash) {
                return r;
            }
        }
    }

    /** A low register different from the given ones. */
    int loExcept(int... not) {
        while (true) {
            int r = lo();
            boolean clash = false;
            for (int n : not) {
                clash |= r == n;
            }
            if (!clash) {
                return r;
            }
        }
    }

    /** Sets {@code reg} to RAM_BASE + offset with MOVW/MOVT (the setup part of a memory item). */
    void pointInto(int reg, int offset) {
        emit(Thumb.movwt(false, reg, offset & 0xFFFF));
        emit(Thumb.movwt(true, reg, RAM_BASE >>> 16));
    }

    /** Sets {@code reg} to a small constant (MOVW). */
    void constant(int reg, int value) {
        emit(Thumb.movwt(false, reg, value & 0xFFFF));
    }

    /** Register list of {@code count} distinct registers from {@code candidates}, avoiding {@code not}. */
    int regList(int[] candidates, int count, int notMask) {
        int mask = 0;
        int have = 0;
        int guard = 0;
        while (have < count && guard++ < 1000) {
            int r = candidates[rnd.nextInt(candidates.length)];
            if ((mask & (1 << r)) == 0 && (notMask & (1 << r)) == 0) {
                mask |= 1 << r;
                have++;
            }
        }
        return mask;
    }

    /** A random value with a bias towards the edges that break arithmetic. */
    static int interesting(Random rnd) {
        int[] edges = {0, 1, -1, 2, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF, 0x8000, 0x7FFF, 0xFF, 0x80, 31, 32,
            33, 0xFFFF_0000, 0x0000_FFFE, 0x7F, 0x1_0000};
        double p = rnd.nextDouble();
        if (p < 0.3) {
            return edges[rnd.nextInt(edges.length)];
        }
        if (p < 0.45) {
            return rnd.nextInt(64);
        }
        return rnd.nextInt();
    }
}
