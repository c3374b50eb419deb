package dev.brickproof.emulator.cpu;

/**
 * Decodes and executes the FPv4-SP instructions (ARMv7-M ARM A6 "Floating-point instruction set encoding" and
 * A7.7): extension register loads and stores, the core/extension register transfers, VMRS/VMSR and the
 * single-precision data-processing instructions. Double-precision arithmetic and encodings with T = 1 are
 * UNDEFINED on this FPU. Returns the cycles an instruction takes (Cortex-M4 TRM, table 7-1).
 *
 * <p>The core has already checked CPACR (NOCP). Each valid instruction calls {@link CortexM#fpEnter} (the rest of
 * ExecuteFPCheck: lazy state preservation and CONTROL.FPCA) before it changes anything.
 */
final class FpInstructions {
    private final CortexM core;
    private final int[] r;
    private final FloatingPointUnit fpu;
    private final int[] s;
    private final FpArithmetic fp;
    /** Scratch for VLDM/VPOP: registers change only once every word has been read. */
    private final int[] loaded = new int[32];

    FpInstructions(CortexM core, int[] coreRegisters, FloatingPointUnit fpu) {
        this.core = core;
        this.r = coreRegisters;
        this.fpu = fpu;
        this.s = fpu.s;
        this.fp = fpu.arithmetic;
    }

    int execute(int raw) {
        int hw1 = raw >>> 16;
        if ((hw1 & 0x1000) != 0) {
            throw core.fpUndefined(raw);
        }
        int op1 = (hw1 >>> 4) & 0x3F;
        if ((op1 & 0x3E) == 0 || (op1 & 0x30) == 0x30) {
            throw core.fpUndefined(raw);
        }
        if ((op1 & 0x20) == 0) {
            if ((op1 & 0x3E) == 0x04) {
                return transfer64(raw);
            }
            return loadStore(raw);
        }
        if ((raw & 0x10) == 0) {
            return dataProcessing(raw);
        }
        return transfer32(raw);
    }

    // ---- register numbers: S registers are Vx:bit, D registers bit:Vx

    private static int sd(int raw) {
        return (((raw >>> 12) & 15) << 1) | ((raw >>> 22) & 1);
    }

    private static int sn(int raw) {
        return (((raw >>> 16) & 15) << 1) | ((raw >>> 7) & 1);
    }

    private static int sm(int raw) {
        return ((raw & 15) << 1) | ((raw >>> 5) & 1);
    }

    // =================================================================================================
    // Extension register load/store: VLDR, VSTR, VLDM, VSTM, VPUSH, VPOP
    // =================================================================================================

    private int loadStore(int raw) {
        int hw1 = raw >>> 16;
        boolean p = (hw1 & 0x100) != 0;
        boolean u = (hw1 & 0x80) != 0;
        boolean w = (hw1 & 0x20) != 0;
        boolean load = (hw1 & 0x10) != 0;
        boolean dbl = (raw & 0x100) != 0;
        int n = hw1 & 15;
        int imm8 = raw & 0xFF;
        int imm32 = imm8 << 2;
        int vd = (raw >>> 12) & 15;
        int dBit = (hw1 >>> 6) & 1;
        if (dbl && dBit != 0) {
            throw core.fpUndefined(raw); // D16..D31 do not exist on FPv4-SP-D16
        }
        int first = dbl ? vd << 1 : (vd << 1) | dBit;
        if (p && !w) {
            int base = n == 15 ? r[15] & ~3 : r[n];
            int address = u ? base + imm32 : base - imm32;
            core.fpEnter();
            int words = dbl ? 2 : 1;
            checkAligned(address);
            if (load) {
                int lo = core.fpRead32(address);
                if (dbl) {
                    int hi = core.fpRead32(address + 4);
                    s[first + 1] = hi;
                }
                s[first] = lo;
            } else {
                for (int i = 0; i < words; i++) {
                    core.fpWrite32(address + 4 * i, s[first + i]);
                }
            }
            return 1 + words;
        }
        if (p == u || n == 15) {
            throw core.fpUndefined(raw); // P = U = 1 with writeback; PC-relative VLDM/VSTM (UNPREDICTABLE)
        }
        int words = imm8;
        if (dbl && (imm8 & 1) != 0) {
            throw core.fpUndefined(raw); // FLDMX/FSTMX are not part of ARMv7-M
        }
        if (words == 0 || first + words > 32) {
            throw core.fpUndefined(raw); // UNPREDICTABLE register lists
        }
        int base = r[n];
        int address = u ? base : base - imm32;
        int newBase = u ? base + imm32 : base - imm32;
        core.fpEnter();
        checkAligned(address);
        if (load) {
            int[] values = loaded;
            for (int i = 0; i < words; i++) {
                values[i] = core.fpRead32(address + 4 * i);
            }
            System.arraycopy(values, 0, s, first, words);
        } else {
            for (int i = 0; i < words; i++) {
                core.fpWrite32(address + 4 * i, s[first + i]);
            }
        }
        if (w) {
            r[n] = newBase;
        }
        return 1 + words;
    }

    private void checkAligned(int address) {
        if ((address & 3) != 0) {
            throw core.fpUnaligned(address);
        }
    }

    // =================================================================================================
    // Transfers between core and extension registers
    // =================================================================================================

    /** VMOV (two core registers to/from two single-precision registers or one doubleword register). */
    private int transfer64(int raw) {
        if ((raw & 0xD0) != 0x10) {
            throw core.fpUndefined(raw);
        }
        boolean toCore = (raw & 0x10_0000) != 0;
        int t = (raw >>> 12) & 15;
        int t2 = (raw >>> 16) & 15;
        boolean dbl = (raw & 0x100) != 0;
        int m = dbl ? (((raw >>> 5) & 1) << 4 | (raw & 15)) << 1 : sm(raw);
        if (t == 15 || t2 == 15 || t == 13 || t2 == 13 || m >= 31 || (toCore && t == t2)) {
            throw core.fpUndefined(raw); // UNPREDICTABLE
        }
        core.fpEnter();
        if (toCore) {
            r[t] = s[m];
            r[t2] = s[m + 1];
        } else {
            s[m] = r[t];
            s[m + 1] = r[t2];
        }
        return 2;
    }

    /** VMOV core register to/from S register or scalar, VMRS, VMSR. */
    private int transfer32(int raw) {
        int a = (raw >>> 21) & 7;
        boolean toCore = (raw & 0x10_0000) != 0;
        boolean c = (raw & 0x100) != 0;
        int b = (raw >>> 5) & 3;
        int t = (raw >>> 12) & 15;
        if (!c && a == 0) {
            if (t == 15 || t == 13) {
                throw core.fpUndefined(raw);
            }
            int n = sn(raw);
            core.fpEnter();
            if (toCore) {
                r[t] = s[n];
            } else {
                s[n] = r[t];
            }
            return 2;
        }
        if (!c && a == 7) {
            if (((raw >>> 16) & 15) != 1 || (t == 13) || (!toCore && t == 15)) {
                throw core.fpUndefined(raw); // only FPSCR is accessible on the M profile
            }
            core.fpEnter();
            if (!toCore) {
                fpu.setFpscr(r[t]);
            } else if (t == 15) {
                core.fpSetNzcv(fpu.fpscr());
            } else {
                r[t] = fpu.fpscr();
            }
            return 1;
        }
        if (c && (a & 6) == 0 && b == 0 && (raw & 0x80) == 0 && t != 15 && t != 13) {
            // VMOV.32 Dd[x], Rt / VMOV.32 Rt, Dn[x] (D0..D15 only)
            int x = (raw >>> 21) & 1;
            int index = (((raw >>> 16) & 15) << 1) | x;
            core.fpEnter();
            if (toCore) {
                r[t] = s[index];
            } else {
                s[index] = r[t];
            }
            return 1;
        }
        throw core.fpUndefined(raw);
    }

    // =================================================================================================
    // Data processing
    // =================================================================================================

    private int dataProcessing(int raw) {
        if ((raw & 0x100) != 0) {
            throw core.fpUndefined(raw); // double precision: not on FPv4-SP
        }
        int hw1 = raw >>> 16;
        int opc1 = ((hw1 >>> 5) & 4) | ((hw1 >>> 4) & 3);
        boolean op = (raw & 0x40) != 0;
        int d = sd(raw);
        int n = sn(raw);
        int m = sm(raw);
        switch (opc1) {
            case 0: { // VMLA / VMLS
                core.fpEnter();
                int product = fp.mul(s[n], s[m]);
                s[d] = fp.add(s[d], op ? negate(product) : product);
                return 3;
            }
            case 1: { // VNMLS (op 0) / VNMLA (op 1)
                core.fpEnter();
                int product = fp.mul(s[n], s[m]);
                s[d] = fp.add(negate(s[d]), op ? negate(product) : product);
                return 3;
            }
            case 2: // VMUL / VNMUL
                core.fpEnter();
                s[d] = op ? negate(fp.mul(s[n], s[m])) : fp.mul(s[n], s[m]);
                return 1;
            case 3: // VADD / VSUB
                core.fpEnter();
                s[d] = op ? fp.sub(s[n], s[m]) : fp.add(s[n], s[m]);
                return 1;
            case 4: // VDIV
                if (op) {
                    throw core.fpUndefined(raw);
                }
                core.fpEnter();
                s[d] = fp.div(s[n], s[m]);
                return 14;
            case 5: // VFNMS (op 0) / VFNMA (op 1)
                core.fpEnter();
                s[d] = fp.mulAdd(negate(s[d]), op ? negate(s[n]) : s[n], s[m]);
                return 3;
            case 6: // VFMA / VFMS
                core.fpEnter();
                s[d] = fp.mulAdd(s[d], op ? negate(s[n]) : s[n], s[m]);
                return 3;
            default:
                return other(raw, d, m);
        }
    }

    private static int negate(int bits) {
        return bits ^ 0x8000_0000;
    }

    /** The "other" data-processing group: VMOV immediate/register, VABS, VNEG, VSQRT, VCVT*, VCMP(E). */
    private int other(int raw, int d, int m) {
        int opc2 = (raw >>> 16) & 15;
        int opc3 = (raw >>> 6) & 3;
        if ((opc3 & 1) == 0) { // VMOV immediate
            if ((raw & 0xA0) != 0) {
                throw core.fpUndefined(raw);
            }
            int imm8 = (opc2 << 4) | (raw & 15);
            int b6 = (imm8 >>> 6) & 1;
            int exponent = ((b6 ^ 1) << 7) | (b6 != 0 ? 0x7C : 0) | ((imm8 >>> 4) & 3);
            core.fpEnter();
            s[d] = ((imm8 >>> 7) << 31) | (exponent << 23) | ((imm8 & 15) << 19);
            return 1;
        }
        boolean bit7 = (raw & 0x80) != 0;
        switch (opc2) {
            case 0: // VMOV register / VABS
                core.fpEnter();
                s[d] = bit7 ? s[m] & 0x7FFF_FFFF : s[m];
                return 1;
            case 1: // VNEG / VSQRT
                core.fpEnter();
                if (bit7) {
                    s[d] = fp.sqrt(s[m]);
                    return 14;
                }
                s[d] = negate(s[m]);
                return 1;
            case 2: { // VCVTB/VCVTT F32.F16
                int shift = bit7 ? 16 : 0;
                core.fpEnter();
                s[d] = fp.halfToSingle((s[m] >>> shift) & 0xFFFF);
                return 1;
            }
            case 3: { // VCVTB/VCVTT F16.F32
                int shift = bit7 ? 16 : 0;
                core.fpEnter();
                int half = fp.singleToHalf(s[m]) & 0xFFFF;
                s[d] = (s[d] & ~(0xFFFF << shift)) | (half << shift);
                return 1;
            }
            case 4: // VCMP / VCMPE Sd, Sm
                core.fpEnter();
                setFlags(fp.compare(s[d], s[m], bit7));
                return 1;
            case 5: // VCMP / VCMPE Sd, #0.0
                if ((raw & 0x2F) != 0) {
                    throw core.fpUndefined(raw);
                }
                core.fpEnter();
                setFlags(fp.compare(s[d], 0, bit7));
                return 1;
            case 8: // VCVT.F32.S32 / .U32
                core.fpEnter();
                s[d] = fp.fromFixed(s[m], 32, 0, !bit7);
                return 1;
            case 10: case 11: case 14: case 15: { // VCVT between floating-point and fixed-point
                boolean toFixed = (opc2 & 4) != 0;
                boolean unsigned = (opc2 & 1) != 0;
                int size = bit7 ? 32 : 16;
                int imm5 = ((raw & 15) << 1) | ((raw >>> 5) & 1);
                int fractionBits = size - imm5;
                if (fractionBits < 0) {
                    throw core.fpUndefined(raw);
                }
                core.fpEnter();
                s[d] = toFixed ? fp.toFixed(s[d], size, fractionBits, unsigned, true)
                        : fp.fromFixed(s[d], size, fractionBits, unsigned);
                return 1;
            }
            case 12: case 13: // VCVT(R).U32/.S32.F32
                core.fpEnter();
                s[d] = fp.toFixed(s[m], 32, 0, opc2 == 12, bit7);
                return 1;
            default:
                throw core.fpUndefined(raw);
        }
    }

    private void setFlags(int nzcv) {
        fpu.setFpscr((fpu.fpscr() & 0x0FFF_FFFF) | nzcv);
    }
}
