package dev.brickproof.emulator.cpu;

/**
 * Classifies Thumb and Thumb-2 encodings into {@link Op} kinds (ARMv7-M ARM, chapter A5).
 * Pure functions: the interpreter extracts operand fields from the raw encoding itself.
 */
final class ThumbDecoder {
    private ThumbDecoder() {
    }

    /** True when the half-word starts a 32-bit instruction. */
    static boolean isWidePrefix(int hw1) {
        return (hw1 >>> 11) >= 0b11101;
    }

    static int decode16(int hw) {
        switch (hw >>> 11) {
            case 0b00000:
                return ((hw >>> 6) & 31) == 0 ? Op.MOVS_R : Op.LSL_I;
            case 0b00001:
                return Op.LSR_I;
            case 0b00010:
                return Op.ASR_I;
            case 0b00011:
                return Op.ADD_R3 + ((hw >>> 9) & 3);
            case 0b00100:
                return Op.MOV_I8;
            case 0b00101:
                return Op.CMP_I8;
            case 0b00110:
                return Op.ADD_I8;
            case 0b00111:
                return Op.SUB_I8;
            case 0b01000:
                if ((hw & 0x400) == 0) {
                    return Op.AND + ((hw >>> 6) & 15);
                }
                switch ((hw >>> 8) & 3) {
                    case 0:
                        return Op.ADD_HI;
                    case 1:
                        return Op.CMP_HI;
                    case 2:
                        return Op.MOV_HI;
                    default:
                        return (hw & 0x80) != 0 ? Op.BLX : Op.BX;
                }
            case 0b01001:
                return Op.LDR_LIT;
            case 0b01010:
            case 0b01011:
                return Op.STR_R + ((hw >>> 9) & 7);
            case 0b01100:
                return Op.STR_I;
            case 0b01101:
                return Op.LDR_I;
            case 0b01110:
                return Op.STRB_I;
            case 0b01111:
                return Op.LDRB_I;
            case 0b10000:
                return Op.STRH_I;
            case 0b10001:
                return Op.LDRH_I;
            case 0b10010:
                return Op.STR_SP;
            case 0b10011:
                return Op.LDR_SP;
            case 0b10100:
                return Op.ADR;
            case 0b10101:
                return Op.ADD_SP_I8;
            case 0b10110:
            case 0b10111:
                return decodeMisc16(hw);
            case 0b11000:
                return Op.STM16;
            case 0b11001:
                return Op.LDM16;
            case 0b11010:
            case 0b11011: {
                int cond = (hw >>> 8) & 15;
                return cond == 14 ? Op.UDF16 : cond == 15 ? Op.SVC : Op.BCOND16;
            }
            case 0b11100:
                return Op.B16;
            default:
                return Op.UNDEF16;
        }
    }

    private static int decodeMisc16(int hw) {
        if ((hw & 0xFF80) == 0xB000) {
            return Op.ADD_SP7;
        }
        if ((hw & 0xFF80) == 0xB080) {
            return Op.SUB_SP7;
        }
        if ((hw & 0xF500) == 0xB100) {
            return (hw & 0x800) != 0 ? Op.CBNZ : Op.CBZ;
        }
        if ((hw & 0xFF00) == 0xB200) {
            return Op.SXTH + ((hw >>> 6) & 3);
        }
        if ((hw & 0xFE00) == 0xB400) {
            return Op.PUSH;
        }
        if ((hw & 0xFFE8) == 0xB660) {
            return Op.CPS;
        }
        if ((hw & 0xFF00) == 0xBA00) {
            switch ((hw >>> 6) & 3) {
                case 0:
                    return Op.REV;
                case 1:
                    return Op.REV16;
                case 3:
                    return Op.REVSH;
                default:
                    return Op.UNDEF16;
            }
        }
        if ((hw & 0xFE00) == 0xBC00) {
            return Op.POP;
        }
        if ((hw & 0xFF00) == 0xBE00) {
            return Op.BKPT;
        }
        if ((hw & 0xFF00) == 0xBF00) {
            if ((hw & 15) != 0) {
                return Op.IT;
            }
            switch ((hw >>> 4) & 15) {
                case 1:
                    return Op.YIELD;
                case 2:
                    return Op.WFE;
                case 3:
                    return Op.WFI;
                case 4:
                    return Op.SEV;
                default:
                    return Op.NOP;
            }
        }
        return Op.UNDEF16;
    }

    /** Decodes a 32-bit instruction given as {@code hw1 << 16 | hw2}, refined to a specialised kind where one exists. */
    static int decode32(int raw) {
        return refine32(group32(raw), raw);
    }

    private static int refine32(int kind, int raw) {
        int hw1 = raw >>> 16;
        int rn = hw1 & 15;
        int rd = (raw >>> 8) & 15;
        boolean s = (hw1 & 0x10) != 0;
        switch (kind) {
            case Op.DP_MODIMM:
            case Op.DP_SREG: {
                int base = kind == Op.DP_MODIMM ? Op.MI_BASE : Op.SR_BASE;
                int op = (hw1 >>> 5) & 15;
                boolean compare = rd == 15 && s;
                int special = -1;
                switch (op) {
                    case 0: special = compare ? 16 : -1; break;
                    case 2: special = rn == 15 ? 20 : -1; break;
                    case 3: special = rn == 15 ? 21 : -1; break;
                    case 4: special = compare ? 17 : -1; break;
                    case 8: special = compare ? 18 : -1; break;
                    case 13: special = compare ? 19 : -1; break;
                    case 1: case 10: case 11: case 14: break;
                    case 6: return kind == Op.DP_SREG ? Op.DP_SREG : Op.UNDEF32;
                    default: return Op.UNDEF32;
                }
                if (special >= 0) {
                    return base + special;
                }
                return rd == 15 ? Op.UNDEF32 : base + op;
            }
            case Op.ADDW_SUBW:
                return (hw1 & 0xA0) != 0 ? Op.SUBW : Op.ADDW;
            case Op.BITFIELD:
                switch ((hw1 >>> 4) & 0x1F) {
                    case 20: return Op.SBFX;
                    case 28: return Op.UBFX;
                    default: return rn == 15 ? Op.BFC : Op.BFI;
                }
            case Op.MUL32:
                if ((raw & 0x10) != 0) {
                    return Op.MLS;
                }
                return ((raw >>> 12) & 15) == 15 ? Op.MUL_W : Op.MLA;
            case Op.EXTEND:
                if (rn != 15) {
                    return kind;
                }
                switch ((hw1 >>> 4) & 7) {
                    case 0: return Op.SXTH_W;
                    case 1: return Op.UXTH_W;
                    case 4: return Op.SXTB_W;
                    case 5: return Op.UXTB_W;
                    default: return kind;
                }
            case Op.MISC32:
                switch ((hw1 >>> 4) & 3) {
                    case 1: return Op.REV_W + ((raw >>> 4) & 3);
                    case 3: return Op.CLZ;
                    default: return kind;
                }
            case Op.SHIFT_REG:
                return Op.SHIFT_REG_BASE + ((hw1 >>> 5) & 3);
            case Op.LDST_IMM12:
                if ((hw1 & 0x100) != 0) {
                    switch ((hw1 >>> 4) & 7) {
                        case 1: return Op.LDRSB_IMM12;
                        case 3: return Op.LDRSH_IMM12;
                        default: return kind;
                    }
                }
                switch ((hw1 >>> 4) & 7) {
                    case 0: return Op.STRB_IMM12;
                    case 1: return Op.LDRB_IMM12;
                    case 2: return Op.STRH_IMM12;
                    case 3: return Op.LDRH_IMM12;
                    case 4: return Op.STR_IMM12;
                    case 5: return Op.LDR_IMM12;
                    default: return kind;
                }
            default:
                return kind;
        }
    }

    /**
     * Operand pre-computed at decode time and cached beside the kind: expanded immediates, branch offsets,
     * bit-field masks and shifts. Zero for kinds that need nothing.
     */
    static int aux(int kind, int raw) {
        if (kind >= Op.MI_BASE && kind <= Op.MI_MVN) {
            int hw1 = raw >>> 16;
            int imm12 = (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8) | (raw & 0xFF);
            return expandImm(imm12);
        }
        switch (kind) {
            case Op.B16:
                return (raw << 21) >> 20;
            case Op.BCOND16:
                return ((byte) raw) << 1;
            case Op.BCOND32: {
                int hw1 = raw >>> 16;
                int s = (hw1 >>> 10) & 1;
                int j1 = (raw >>> 13) & 1;
                int j2 = (raw >>> 11) & 1;
                int imm = (s << 20) | (j2 << 19) | (j1 << 18) | ((hw1 & 0x3F) << 12) | ((raw & 0x7FF) << 1);
                return (imm << 11) >> 11;
            }
            case Op.B32:
            case Op.BL: {
                int hw1 = raw >>> 16;
                int s = (hw1 >>> 10) & 1;
                int i1 = ~(((raw >>> 13) & 1) ^ s) & 1;
                int i2 = ~(((raw >>> 11) & 1) ^ s) & 1;
                int imm = (s << 24) | (i1 << 23) | (i2 << 22) | ((hw1 & 0x3FF) << 12) | ((raw & 0x7FF) << 1);
                return (imm << 7) >> 7;
            }
            case Op.ADDW:
            case Op.SUBW: {
                int hw1 = raw >>> 16;
                return (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8) | (raw & 0xFF);
            }
            case Op.MOVW:
            case Op.MOVT: {
                int hw1 = raw >>> 16;
                int imm16 = ((hw1 & 15) << 12) | (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8)
                        | (raw & 0xFF);
                return kind == Op.MOVW ? imm16 : imm16 << 16;
            }
            case Op.BFI:
            case Op.BFC: {
                int lsb = (((raw >>> 12) & 7) << 2) | ((raw >>> 6) & 3);
                int msb = raw & 0x1F;
                return msb < lsb ? 0 : (int) (((1L << (msb - lsb + 1)) - 1) << lsb);
            }
            default:
                return 0;
        }
    }

    /** ThumbExpandImm without the carry (the interpreter derives the carry from the encoding). */
    static int expandImm(int imm12) {
        if ((imm12 & 0xC00) == 0) {
            int imm8 = imm12 & 0xFF;
            switch ((imm12 >>> 8) & 3) {
                case 0: return imm8;
                case 1: return imm8 | (imm8 << 16);
                case 2: return (imm8 << 8) | (imm8 << 24);
                default: return imm8 | (imm8 << 8) | (imm8 << 16) | (imm8 << 24);
            }
        }
        return Integer.rotateRight(0x80 | (imm12 & 0x7F), (imm12 >>> 7) & 31);
    }

    private static int group32(int raw) {
        int hw1 = raw >>> 16;
        int hw2 = raw & 0xFFFF;
        int op1 = (hw1 >>> 11) & 3;
        int op2 = (hw1 >>> 4) & 0x7F;
        if (op1 == 1) {
            if ((op2 & 0x64) == 0x00) {
                int opc = (hw1 >>> 7) & 3;
                return opc == 1 || opc == 2 ? Op.LDM32 : Op.UNDEF32;
            }
            if ((op2 & 0x64) == 0x04) {
                return decodeDualExclusive(hw1, hw2);
            }
            if ((op2 & 0x60) == 0x20) {
                return Op.DP_SREG;
            }
            return Op.COPROC;
        }
        if (op1 == 2) {
            if ((hw2 & 0x8000) == 0) {
                if ((hw1 & 0x200) == 0) {
                    return Op.DP_MODIMM;
                }
                switch ((hw1 >>> 4) & 0x1F) {
                    case 0:
                    case 10:
                        return Op.ADDW_SUBW;
                    case 4:
                        return Op.MOVW;
                    case 12:
                        return Op.MOVT;
                    case 16:
                    case 18:
                    case 24:
                    case 26:
                        return Op.SAT;
                    case 20:
                    case 22:
                    case 28:
                        return Op.BITFIELD;
                    default:
                        return Op.UNDEF32;
                }
            }
            return decodeBranchMisc(hw1, hw2);
        }
        return decodeOp1Three(hw1, hw2, op2);
    }

    private static int decodeDualExclusive(int hw1, int hw2) {
        int o1 = (hw1 >>> 7) & 3;
        int o2 = (hw1 >>> 4) & 3;
        int o3 = (hw2 >>> 4) & 15;
        if (o1 == 0 && o2 == 0) {
            return Op.STREX;
        }
        if (o1 == 0 && o2 == 1) {
            return Op.LDREX;
        }
        if ((o1 & 2) != 0 || (o2 & 2) != 0) {
            return Op.LDRD_STRD;
        }
        if (o1 == 1 && o2 == 0) {
            return o3 == 4 || o3 == 5 ? Op.STREXBH : Op.UNDEF32;
        }
        switch (o3) {
            case 0:
                return Op.TBB;
            case 1:
                return Op.TBH;
            case 4:
            case 5:
                return Op.LDREXBH;
            default:
                return Op.UNDEF32;
        }
    }

    private static int decodeBranchMisc(int hw1, int hw2) {
        int o1 = (hw2 >>> 12) & 7;
        int o = (hw1 >>> 4) & 0x7F;
        if ((o1 & 5) == 0) {
            if ((o & 0x38) != 0x38) {
                return Op.BCOND32;
            }
            if ((o & 0x7E) == 0x38) {
                return Op.MSR;
            }
            if (o == 0x3A) {
                return (hw2 & 0x700) != 0 ? Op.UNDEF32 : Op.HINT32;
            }
            if (o == 0x3B) {
                switch ((hw2 >>> 4) & 15) {
                    case 2:
                        return Op.CLREX;
                    case 4:
                    case 5:
                    case 6:
                        return Op.BARRIER;
                    default:
                        return Op.UNDEF32;
                }
            }
            if ((o & 0x7E) == 0x3E) {
                return Op.MRS;
            }
            return o == 0x7F && o1 == 2 ? Op.UDF32 : Op.UNDEF32;
        }
        if ((o1 & 5) == 1) {
            return Op.B32;
        }
        if ((o1 & 5) == 5) {
            return Op.BL;
        }
        return Op.UNDEF32; // BLX immediate: no ARM state on M profile
    }

    private static int decodeOp1Three(int hw1, int hw2, int op2) {
        if ((op2 & 0x71) == 0x00) {
            if (((hw1 >>> 5) & 3) == 3) {
                return Op.UNDEF32;
            }
            return singleAddressing(hw1, hw2, false);
        }
        if ((op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03 || (op2 & 0x67) == 0x05) {
            if ((op2 & 0x67) == 0x05 && (hw1 & 0x100) != 0) {
                return Op.UNDEF32;
            }
            int kind = singleAddressing(hw1, hw2, true);
            int rt = (hw2 >>> 12) & 15;
            if (rt == 15 && (op2 & 0x67) != 0x05 && kind != Op.UNDEF32) {
                return Op.MEM_HINT;
            }
            return kind;
        }
        if ((op2 & 0x70) == 0x20) {
            if ((hw2 & 0xF000) != 0xF000) {
                return Op.UNDEF32;
            }
            int a = (hw1 >>> 4) & 15;
            int b = (hw2 >>> 4) & 15;
            if ((a & 8) == 0 && b == 0) {
                return Op.SHIFT_REG;
            }
            if (a <= 5 && (b & 8) != 0) {
                return Op.EXTEND;
            }
            if ((a & 8) != 0 && (b & 8) == 0) {
                return Op.PARALLEL;
            }
            if ((a & 12) == 8 && (b & 12) == 8) {
                switch (a & 3) {
                    case 0:
                        return Op.SAT_ADD;
                    case 1:
                        return Op.MISC32;
                    default:
                        return b == 8 ? Op.MISC32 : Op.UNDEF32;
                }
            }
            return Op.UNDEF32;
        }
        if ((op2 & 0x78) == 0x30) {
            if ((hw2 & 0xC0) != 0) {
                return Op.UNDEF32;
            }
            int a = (hw1 >>> 4) & 7;
            if (a == 0) {
                return ((hw2 >>> 4) & 3) <= 1 ? Op.MUL32 : Op.UNDEF32;
            }
            return Op.DSP_MUL;
        }
        if ((op2 & 0x78) == 0x38) {
            int a = (hw1 >>> 4) & 7;
            int b = (hw2 >>> 4) & 15;
            if ((a == 1 || a == 3) && b == 15) {
                return Op.DIV;
            }
            return Op.LONG_MUL;
        }
        if ((op2 & 0x40) != 0) {
            return Op.COPROC;
        }
        return Op.UNDEF32;
    }

    private static int singleAddressing(int hw1, int hw2, boolean load) {
        int rn = hw1 & 15;
        if (load && rn == 15) {
            return Op.LDST_LIT;
        }
        if (rn == 15) {
            return Op.UNDEF32;
        }
        if ((hw1 & 0x80) != 0) {
            return Op.LDST_IMM12;
        }
        if ((hw2 & 0x800) != 0) {
            int puw = (hw2 >>> 8) & 7;
            return (puw & 5) == 0 ? Op.UNDEF32 : Op.LDST_IMM8;
        }
        if ((hw2 & 0xFC0) == 0) {
            return Op.LDST_REG;
        }
        return Op.UNDEF32;
    }
}
