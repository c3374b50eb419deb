package dev.brickproof.emulator.unicorn;

import java.util.Random;

/**
 * Encoder for the FPv4-SP instructions the floating-point classes generate (ARMv7-M ARM A6/A7.7), each with its
 * assembler text; checked against {@code arm-none-eabi-objdump} (see DIFF_FINDINGS.md). S registers are numbered
 * 0..31 (Vx:bit), D registers 0..15 (bit:Vx).
 */
final class FpThumb {
    private FpThumb() {
    }

    static final String[] ARITHMETIC = {"vmla", "vmls", "vnmls", "vnmla", "vmul", "vnmul", "vadd", "vsub", "vdiv",
        null, "vfnms", "vfnma", "vfma", "vfms"};

    /** Three-register data processing: {@code which} indexes {@link #ARITHMETIC} (opc1 * 2 + op). */
    static Insn arithmetic(int which, int d, int n, int m) {
        int opc1 = which >> 1;
        int op = which & 1;
        int hw1 = 0xEE00 | (opc1 & 4) << 5 | (d & 1) << 6 | (opc1 & 3) << 4 | n >> 1;
        int hw2 = (d >> 1) << 12 | 0xA00 | (n & 1) << 7 | op << 6 | (m & 1) << 5 | m >> 1;
        return Insn.wide(hw1, hw2, ARITHMETIC[which] + ".f32 s" + d + ", s" + n + ", s" + m);
    }

    /** The "other" group: opc2 in hw1[3:0], opc3 (hw2[7:6]) in {@code opc3}. */
    private static Insn other(int opc2, int opc3, int d, int m, String text) {
        int hw1 = 0xEEB0 | (d & 1) << 6 | opc2;
        int hw2 = (d >> 1) << 12 | 0xA00 | opc3 << 6 | (m & 1) << 5 | m >> 1;
        return Insn.wide(hw1, hw2, text);
    }

    /** VMOV.F32 Sd, Sm (0), VABS (1), VNEG (2), VSQRT (3). */
    static Insn unary(int kind, int d, int m) {
        String[] names = {"vmov", "vabs", "vneg", "vsqrt"};
        return other(kind >> 1, (kind & 1) == 0 ? 1 : 3, d, m, names[kind] + ".f32 s" + d + ", s" + m);
    }

    /** VMOV.F32 Sd, #imm with the 8-bit VFPExpandImm encoding. */
    static Insn movImmediate(int d, int imm8) {
        int hw1 = 0xEEB0 | (d & 1) << 6 | imm8 >> 4;
        int hw2 = (d >> 1) << 12 | 0xA00 | (imm8 & 15);
        int b6 = (imm8 >> 6) & 1;
        int exponent = (b6 ^ 1) << 7 | (b6 != 0 ? 0x7C : 0) | (imm8 >> 4) & 3;
        int bits = (imm8 >> 7) << 31 | exponent << 23 | (imm8 & 15) << 19;
        return Insn.wide(hw1, hw2, "vmov.f32 s" + d + ", #" + Float.intBitsToFloat(bits));
    }

    static Insn compare(boolean e, int d, int m) {
        return other(4, e ? 3 : 1, d, m, (e ? "vcmpe" : "vcmp") + ".f32 s" + d + ", s" + m);
    }

    static Insn compareZero(boolean e, int d) {
        return other(5, e ? 3 : 1, d, 0, (e ? "vcmpe" : "vcmp") + ".f32 s" + d + ", #0.0");
    }

    /** VCVT.F32.S32 / .U32 Sd, Sm. */
    static Insn intToFloat(boolean signed, int d, int m) {
        return other(8, signed ? 3 : 1, d, m, "vcvt.f32." + (signed ? "s32" : "u32") + " s" + d + ", s" + m);
    }

    /** VCVT(R).S32/.U32.F32 Sd, Sm: {@code towardsZero} false is VCVTR (FPSCR rounding). */
    static Insn floatToInt(boolean signed, boolean towardsZero, int d, int m) {
        return other(signed ? 13 : 12, towardsZero ? 3 : 1, d, m, (towardsZero ? "vcvt." : "vcvtr.")
                + (signed ? "s32" : "u32") + ".f32 s" + d + ", s" + m);
    }

    /** VCVT between floating-point and fixed-point (16 or 32 bits) in place, {@code fractionBits} 0..size. */
    static Insn fixed(boolean toFixed, boolean unsigned, int size, int fractionBits, int d) {
        if (fractionBits == 0 && size == 32) {
            fractionBits = 1; // imm5 = size - fraction bits must fit in five bits
        }
        int imm5 = size - fractionBits;
        int opc2 = 0b1010 | (toFixed ? 4 : 0) | (unsigned ? 1 : 0);
        int hw1 = 0xEEB0 | (d & 1) << 6 | opc2;
        int hw2 = (d >> 1) << 12 | 0xA00 | (size == 32 ? 1 : 0) << 7 | 1 << 6 | (imm5 & 1) << 5 | imm5 >> 1;
        String type = (unsigned ? "u" : "s") + size;
        return Insn.wide(hw1, hw2, "vcvt." + (toFixed ? type + ".f32" : "f32." + type) + " s" + d + ", s" + d
                + ", #" + fractionBits);
    }

    /** VCVTB/VCVTT: {@code toHalf} F16.F32, else F32.F16; {@code top} selects the upper half. */
    static Insn half(boolean toHalf, boolean top, int d, int m) {
        return other(toHalf ? 3 : 2, top ? 3 : 1, d, m, (top ? "vcvtt" : "vcvtb") + (toHalf ? ".f16.f32" : ".f32.f16")
                + " s" + d + ", s" + m);
    }

    static Insn vmrs(int rt) {
        return Insn.wide(0xEEF1, rt << 12 | 0x0A10, "vmrs " + (rt == 15 ? "APSR_nzcv" : Thumb.r(rt)) + ", fpscr");
    }

    static Insn vmsr(int rt) {
        return Insn.wide(0xEEE1, rt << 12 | 0x0A10, "vmsr fpscr, " + Thumb.r(rt));
    }

    /** VMOV Rt, Sn / VMOV Sn, Rt. */
    static Insn moveCore(boolean toCore, int rt, int n) {
        int hw1 = 0xEE00 | (toCore ? 0x10 : 0) | n >> 1;
        int hw2 = rt << 12 | 0xA10 | (n & 1) << 7;
        return Insn.wide(hw1, hw2, toCore ? "vmov " + Thumb.r(rt) + ", s" + n : "vmov s" + n + ", " + Thumb.r(rt));
    }

    /** VMOV Rt, Rt2, Sm, Sm+1 (or the reverse); {@code m} below 31. */
    static Insn moveTwo(boolean toCore, int rt, int rt2, int m) {
        int hw1 = 0xEC40 | (toCore ? 0x10 : 0) | rt2;
        int hw2 = rt << 12 | 0xA10 | (m & 1) << 5 | m >> 1;
        String regs = Thumb.r(rt) + ", " + Thumb.r(rt2);
        String fp = "s" + m + ", s" + (m + 1);
        return Insn.wide(hw1, hw2, "vmov " + (toCore ? regs + ", " + fp : fp + ", " + regs));
    }

    /** VMOV Rt, Rt2, Dm (or the reverse), {@code dm} 0..15. */
    static Insn moveDouble(boolean toCore, int rt, int rt2, int dm) {
        int hw1 = 0xEC40 | (toCore ? 0x10 : 0) | rt2;
        int hw2 = rt << 12 | 0xB10 | dm;
        String regs = Thumb.r(rt) + ", " + Thumb.r(rt2);
        return Insn.wide(hw1, hw2, "vmov " + (toCore ? regs + ", d" + dm : "d" + dm + ", " + regs));
    }

    /** VMOV.32 Dd[x], Rt / VMOV.32 Rt, Dd[x] (not accepted by GNU as for fpv4-sp-d16, but ARMv7-M A7.7.241/242). */
    static Insn moveScalar(boolean toCore, int rt, int dd, int x) {
        int hw1 = 0xEE00 | x << 5 | (toCore ? 0x10 : 0) | dd;
        int hw2 = rt << 12 | 0xB10;
        String scalar = "d" + dd + "[" + x + "]";
        return Insn.wide(hw1, hw2, "vmov.32 " + (toCore ? Thumb.r(rt) + ", " + scalar : scalar + ", " + Thumb.r(rt)));
    }

    /** VLDR/VSTR Sd or Dd, [Rn, #+/-imm8*4]. */
    static Insn loadStore(boolean load, boolean dbl, int reg, int rn, boolean add, int imm8) {
        int dBit = dbl ? 0 : reg & 1;
        int vd = dbl ? reg : reg >> 1;
        int hw1 = 0xED00 | (add ? 0x80 : 0) | dBit << 6 | (load ? 0x10 : 0) | rn;
        int hw2 = vd << 12 | (dbl ? 0xB00 : 0xA00) | imm8;
        return Insn.wide(hw1, hw2, (load ? "vldr " : "vstr ") + (dbl ? "d" : "s") + reg + ", [" + Thumb.r(rn) + ", #"
                + (add ? "" : "-") + imm8 * 4 + "]");
    }

    /**
     * VLDM/VSTM: increment after (optionally with writeback) or decrement before with writeback; VPUSH/VPOP are
     * VSTMDB/VLDMIA SP! ({@code rn} 13).
     */
    static Insn multiple(boolean load, boolean decrementBefore, boolean writeback, boolean dbl, int first, int count,
                         int rn) {
        int dBit = dbl ? 0 : first & 1;
        int vd = dbl ? first : first >> 1;
        int p = decrementBefore ? 1 : 0;
        int u = decrementBefore ? 0 : 1;
        int hw1 = 0xEC00 | p << 8 | u << 7 | dBit << 6 | (writeback ? 0x20 : 0) | (load ? 0x10 : 0) | rn;
        int hw2 = vd << 12 | (dbl ? 0xB00 : 0xA00) | (dbl ? 2 * count : count);
        String prefix = dbl ? "d" : "s";
        String list = "{" + prefix + first + (count == 1 ? "" : "-" + prefix + (first + count - 1)) + "}";
        String text;
        if (rn == 13 && writeback && decrementBefore && !load) {
            text = "vpush " + list;
        } else if (rn == 13 && writeback && !decrementBefore && load) {
            text = "vpop " + list;
        } else {
            text = (load ? "vldm" : "vstm") + (decrementBefore ? "db " : "ia ") + Thumb.r(rn) + (writeback ? "!" : "")
                    + ", " + list;
        }
        return Insn.wide(hw1, hw2, text);
    }

    /** A float bit pattern biased towards what breaks floating-point units. */
    static int interestingFloat(Random rnd) {
        int[] edges = {0, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FC1_2345, 0x7F80_0001,
            0xFFA0_0001, 0x7FBF_FFFF, 1, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF, 0x0080_0000, 0x8080_0000, 0x0040_0000,
            0x7F7F_FFFF, 0xFF7F_FFFF, 0x3F80_0000, 0xBF80_0000, 0x3FC0_0000, 0x3F00_0000, 0x4020_0000, 0xC020_0000,
            0x4B80_0000, 0x4B80_0001, 0x4F00_0000, 0xCF00_0000, 0x4EFF_FFFF, 0x4F80_0000, 0x4F7F_FFFF, 0xCF00_0001,
            0x3EAA_AAAB, 0x4040_0000, 0x3400_0000, 0x3380_0000, 0x0100_0000, 0x00FF_FFFF, 0x7F00_0000, 0x4700_0000,
            0x477F_FF00, 0x3880_0000, 0x3380_0001, 0xC700_0000, 0x4B00_0000, 0x4AFF_FFFF, 0x3F7F_FFFF, 0x3F80_0001};
        double p = rnd.nextDouble();
        if (p < 0.35) {
            return edges[rnd.nextInt(edges.length)];
        }
        if (p < 0.5) { // small integers and simple fractions, where results are exact or ties
            return Float.floatToRawIntBits((rnd.nextInt(65) - 32) / (float) (1 << rnd.nextInt(4)));
        }
        if (p < 0.65) { // exponent at the edges: denormal results, overflow
            int exponent = rnd.nextBoolean() ? rnd.nextInt(4) : 251 + rnd.nextInt(4);
            return (rnd.nextBoolean() ? 0x8000_0000 : 0) | exponent << 23 | rnd.nextInt(1 << 23);
        }
        if (p < 0.75) { // moderate exponents with a random mantissa
            int exponent = 127 - 30 + rnd.nextInt(60);
            return (rnd.nextBoolean() ? 0x8000_0000 : 0) | exponent << 23 | rnd.nextInt(1 << 23);
        }
        return rnd.nextInt();
    }
}
