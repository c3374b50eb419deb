package dev.brickproof.emulator.unicorn;

/**
 * A small Thumb/Thumb-2 encoder, one method per encoding (ARMv7-M ARM, chapter A7 instruction details; the
 * encoding names T1..T4 are the manual's). Pure functions: operands in, {@link Insn} out. Callers are
 * responsible for picking operands the manual does not call UNPREDICTABLE.
 */
final class Thumb {
    static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt",
        "le", "", ""};
    static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};

    private Thumb() {
    }

    static String r(int n) {
        return switch (n) {
            case 13 -> "sp";
            case 14 -> "lr";
            case 15 -> "pc";
            default -> "r" + n;
        };
    }

    static String list(int mask) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            if ((mask & (1 << i)) != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(r(i));
            }
        }
        return sb.append('}').toString();
    }

    private static String s(boolean setFlags) {
        return setFlags ? "s" : "";
    }

    // ---- 16-bit ----------------------------------------------------------------------------------------

    /** LSL/LSR/ASR (immediate) T1; op 0 LSL, 1 LSR, 2 ASR; imm5 0 means 32 for LSR/ASR. */
    static Insn shiftImm16(int op, int rd, int rm, int imm5, boolean flagsOutsideIt) {
        String text = op == 0 && imm5 == 0 ? "mov" + s(flagsOutsideIt) + " " + r(rd) + ", " + r(rm)
                : SHIFT[op] + s(flagsOutsideIt) + " " + r(rd) + ", " + r(rm) + ", #" + (imm5 == 0 ? 32 : imm5);
        return Insn.narrow(op << 11 | imm5 << 6 | rm << 3 | rd, text);
    }

    /** ADD/SUB (register) T1. */
    static Insn addSubReg16(boolean sub, int rd, int rn, int rm, boolean flags) {
        return Insn.narrow(0x1800 | (sub ? 0x200 : 0) | rm << 6 | rn << 3 | rd,
                (sub ? "sub" : "add") + s(flags) + " " + r(rd) + ", " + r(rn) + ", " + r(rm));
    }

    /** ADD/SUB (immediate) T1, imm3. */
    static Insn addSubImm3(boolean sub, int rd, int rn, int imm3, boolean flags) {
        return Insn.narrow(0x1C00 | (sub ? 0x200 : 0) | imm3 << 6 | rn << 3 | rd,
                (sub ? "sub" : "add") + s(flags) + " " + r(rd) + ", " + r(rn) + ", #" + imm3);
    }

    /** MOV/CMP/ADD/SUB (immediate) T1/T2, imm8; op 0 MOV, 1 CMP, 2 ADD, 3 SUB. */
    static Insn imm8(int op, int rdn, int imm8, boolean flags) {
        String[] names = {"mov", "cmp", "add", "sub"};
        String name = op == 1 ? "cmp" : names[op] + s(flags);
        return Insn.narrow(0x2000 | op << 11 | rdn << 8 | imm8, name + " " + r(rdn) + ", #" + imm8);
    }

    static final String[] DP16 = {"and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "rsb", "cmp", "cmn",
        "orr", "mul", "bic", "mvn"};

    /** Data processing (register) 010000 opcode; RSB is "rsbs rd, rm, #0", MUL is "muls rdm, rn, rdm". */
    static Insn dp16(int opcode, int rdn, int rm, boolean flags) {
        String name = DP16[opcode];
        String text = switch (opcode) {
            case 8, 10, 11 -> name + " " + r(rdn) + ", " + r(rm);
            case 9 -> "rsb" + s(flags) + " " + r(rdn) + ", " + r(rm) + ", #0";
            case 13 -> "mul" + s(flags) + " " + r(rdn) + ", " + r(rm) + ", " + r(rdn);
            default -> name + s(flags) + " " + r(rdn) + ", " + r(rm);
        };
        return Insn.narrow(0x4000 | opcode << 6 | rm << 3 | rdn, text);
    }

    /** ADD (register) T2 / CMP (register) T2 / MOV (register) T1 on high registers; op 0 ADD, 1 CMP, 2 MOV. */
    static Insn hiReg(int op, int rdn, int rm) {
        String[] names = {"add", "cmp", "mov"};
        return Insn.narrow(0x4400 | op << 8 | (rdn & 8) << 4 | rm << 3 | (rdn & 7),
                names[op] + " " + r(rdn) + ", " + r(rm));
    }

    /** BX Rm (link false) or BLX Rm. */
    static Insn bx(boolean link, int rm) {
        return Insn.narrow((link ? 0x4780 : 0x4700) | rm << 3, (link ? "blx " : "bx ") + r(rm));
    }

    /** LDR (literal) T1: Rt = [Align(PC,4) + imm8*4]. */
    static Insn ldrLiteral16(int rt, int imm8) {
        return Insn.narrow(0x4800 | rt << 8 | imm8, "ldr " + r(rt) + ", [pc, #" + imm8 * 4 + "]");
    }

    static final String[] LS_REG16 = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};

    /** Load/store (register offset) T1, opB 0..7 = STR STRH STRB LDRSB LDR LDRH LDRB LDRSH. */
    static Insn lsReg16(int opB, int rt, int rn, int rm) {
        return Insn.narrow(0x5000 | opB << 9 | rm << 6 | rn << 3 | rt,
                LS_REG16[opB] + " " + r(rt) + ", [" + r(rn) + ", " + r(rm) + "]");
    }

    /** Load/store (immediate) T1; size 0 byte, 1 half, 2 word; offset = imm5 scaled. */
    static Insn lsImm16(int size, boolean load, int rt, int rn, int imm5) {
        int base = switch (size) {
            case 0 -> 0x7000;
            case 1 -> 0x8000;
            default -> 0x6000;
        };
        String name = (load ? "ldr" : "str") + (size == 0 ? "b" : size == 1 ? "h" : "");
        return Insn.narrow(base | (load ? 0x800 : 0) | imm5 << 6 | rn << 3 | rt,
                name + " " + r(rt) + ", [" + r(rn) + ", #" + (imm5 << size) + "]");
    }

    /** STR/LDR (SP-relative) T2: [SP + imm8*4]. */
    static Insn lsSp16(boolean load, int rt, int imm8) {
        return Insn.narrow(0x9000 | (load ? 0x800 : 0) | rt << 8 | imm8,
                (load ? "ldr " : "str ") + r(rt) + ", [sp, #" + imm8 * 4 + "]");
    }

    /** ADR T1: Rd = Align(PC,4) + imm8*4. */
    static Insn adr16(int rd, int imm8) {
        return Insn.narrow(0xA000 | rd << 8 | imm8, "adr " + r(rd) + ", pc, #" + imm8 * 4);
    }

    /** ADD (SP plus immediate) T1: Rd = SP + imm8*4. */
    static Insn addRdSp16(int rd, int imm8) {
        return Insn.narrow(0xA800 | rd << 8 | imm8, "add " + r(rd) + ", sp, #" + imm8 * 4);
    }

    /** ADD/SUB SP, SP, #imm7*4 (T2/T1). */
    static Insn adjustSp16(boolean sub, int imm7) {
        return Insn.narrow(0xB000 | (sub ? 0x80 : 0) | imm7, (sub ? "sub" : "add") + " sp, sp, #" + imm7 * 4);
    }

    /** CBZ/CBNZ: branch to PC+4+offset, offset 0..126 even. */
    static Insn cbz(boolean nonZero, int rn, int offset) {
        int i = offset >> 6 & 1;
        int imm5 = offset >> 1 & 0x1F;
        return Insn.narrow(0xB100 | (nonZero ? 0x800 : 0) | i << 9 | imm5 << 3 | rn,
                (nonZero ? "cbnz " : "cbz ") + r(rn) + ", .+" + (offset + 4));
    }

    /** SXTH SXTB UXTH UXTB T1 (op 0..3). */
    static Insn extend16(int op, int rd, int rm) {
        String[] names = {"sxth", "sxtb", "uxth", "uxtb"};
        return Insn.narrow(0xB200 | op << 6 | rm << 3 | rd, names[op] + " " + r(rd) + ", " + r(rm));
    }

    /** PUSH T1 (low registers, optionally LR). */
    static Insn push16(int lowMask, boolean lr) {
        return Insn.narrow(0xB400 | (lr ? 0x100 : 0) | lowMask, "push " + list(lowMask | (lr ? 1 << 14 : 0)));
    }

    /** POP T1 (low registers, optionally PC). */
    static Insn pop16(int lowMask, boolean pc) {
        return Insn.narrow(0xBC00 | (pc ? 0x100 : 0) | lowMask, "pop " + list(lowMask | (pc ? 1 << 15 : 0)));
    }

    /** REV REV16 (op 0, 1) and REVSH (op 3) T1. */
    static Insn rev16bit(int op, int rd, int rm) {
        String[] names = {"rev", "rev16", "?", "revsh"};
        return Insn.narrow(0xBA00 | op << 6 | rm << 3 | rd, names[op] + " " + r(rd) + ", " + r(rm));
    }

    /**
     * IT with {@code count} (1..4) instructions; {@code thenElse[i]} for i >= 1 says whether instruction i is
     * a "then" (true) or an "else" (false).
     */
    static Insn it(int firstCond, int count, boolean[] thenElse) {
        int mask = 0;
        StringBuilder name = new StringBuilder("it");
        for (int i = 1; i < count; i++) {
            int bit = thenElse[i] ? firstCond & 1 : ~firstCond & 1;
            mask |= bit << (4 - i);
            name.append(thenElse[i] ? 't' : 'e');
        }
        mask |= 1 << (4 - count);
        return Insn.narrow(0xBF00 | firstCond << 4 | mask, name + " " + COND[firstCond]);
    }

    static Insn nop16() {
        return Insn.narrow(0xBF00, "nop");
    }

    /** STM T1 (STMIA Rn!, list). */
    static Insn stm16(int rn, int mask) {
        return Insn.narrow(0xC000 | rn << 8 | mask, "stmia " + r(rn) + "!, " + list(mask));
    }

    /** LDM T1 (writeback unless Rn is in the list). */
    static Insn ldm16(int rn, int mask) {
        boolean wb = (mask & (1 << rn)) == 0;
        return Insn.narrow(0xC800 | rn << 8 | mask, "ldmia " + r(rn) + (wb ? "!" : "") + ", " + list(mask));
    }

    /** B&lt;c&gt; T1 to PC+4+offset; offset even, -256..254. */
    static Insn bCond16(int cond, int offset) {
        return Insn.narrow(0xD000 | cond << 8 | (offset >> 1 & 0xFF), "b" + COND[cond] + " .+" + (offset + 4));
    }

    /** B T2 to PC+4+offset; offset even, -2048..2046. */
    static Insn b16(int offset) {
        return Insn.narrow(0xE000 | (offset >> 1 & 0x7FF), "b .+" + (offset + 4));
    }

    // ---- 32-bit ----------------------------------------------------------------------------------------

    /** ThumbExpandImm of a 12-bit i:imm3:imm8 field (for the text only). */
    static int expandImm(int imm12) {
        if ((imm12 >> 10) == 0) {
            int b = imm12 & 0xFF;
            return switch (imm12 >> 8 & 3) {
                case 0 -> b;
                case 1 -> b << 16 | b;
                case 2 -> b << 24 | b << 8;
                default -> b << 24 | b << 16 | b << 8 | b;
            };
        }
        int unrotated = 0x80 | imm12 & 0x7F;
        return Integer.rotateRight(unrotated, imm12 >> 7 & 0x1F);
    }

    static final String[] DP_MOD = {"and", "bic", "orr", "orn", "eor", "?5", "?6", "?7", "add", "?9", "adc", "sbc",
        "?12", "sub", "rsb", "?15"};

    /** Data processing (modified immediate); rn 15 makes ORR/ORN into MOV/MVN, rd 15 with S the compares. */
    static Insn dpModImm(int op, boolean setFlags, int rd, int rn, int imm12) {
        int hw1 = 0xF000 | (imm12 >> 11 & 1) << 10 | op << 5 | (setFlags ? 0x10 : 0) | rn;
        int hw2 = (imm12 >> 8 & 7) << 12 | rd << 8 | imm12 & 0xFF;
        String imm = "#0x" + Integer.toHexString(expandImm(imm12));
        String text;
        if (rd == 15 && setFlags && (op == 0 || op == 4 || op == 8 || op == 13)) {
            String name = switch (op) {
                case 0 -> "tst";
                case 4 -> "teq";
                case 8 -> "cmn";
                default -> "cmp";
            };
            text = name + ".w " + r(rn) + ", " + imm;
        } else if (rn == 15 && (op == 2 || op == 3)) {
            text = (op == 2 ? "mov" : "mvn") + s(setFlags) + ".w " + r(rd) + ", " + imm;
        } else {
            text = DP_MOD[op] + s(setFlags) + ".w " + r(rd) + ", " + r(rn) + ", " + imm;
        }
        return Insn.wide(hw1, hw2, text);
    }

    private static Insn plainImm(int op5, int rn, int hw2, String text, int i) {
        return Insn.wide(0xF200 | i << 10 | op5 << 4 | rn, hw2, text);
    }

    /** ADDW / SUBW (T4) with a 12-bit immediate. */
    static Insn addSubW(boolean sub, int rd, int rn, int imm12) {
        int hw2 = (imm12 >> 8 & 7) << 12 | rd << 8 | imm12 & 0xFF;
        return plainImm(sub ? 0b01010 : 0b00000, rn, hw2, (sub ? "subw " : "addw ") + r(rd) + ", " + r(rn) + ", #"
                + imm12, imm12 >> 11 & 1);
    }

    /** MOVW (T3) / MOVT (T1) with a 16-bit immediate. */
    static Insn movwt(boolean top, int rd, int imm16) {
        int hw2 = (imm16 >> 8 & 7) << 12 | rd << 8 | imm16 & 0xFF;
        return plainImm(top ? 0b01100 : 0b00100, imm16 >> 12 & 0xF, hw2,
                (top ? "movt " : "movw ") + r(rd) + ", #0x" + Integer.toHexString(imm16), imm16 >> 11 & 1);
    }

    private static int bitfieldHw2(int rd, int lsbOrShift, int low5) {
        return (lsbOrShift >> 2 & 7) << 12 | rd << 8 | (lsbOrShift & 3) << 6 | low5;
    }

    /** SSAT / USAT (T1): sh 0 LSL, 1 ASR (shift 1..31 for ASR); signed saturate to 1..32 bits, unsigned to 0..31. */
    static Insn saturate(boolean unsigned, int rd, int bits, int rn, boolean asr, int shift) {
        int satImm = unsigned ? bits : bits - 1;
        int op5 = (unsigned ? 0b11000 : 0b10000) | (asr ? 0b10 : 0);
        String sh = shift == 0 && !asr ? "" : ", " + (asr ? "asr #" : "lsl #") + shift;
        return plainImm(op5, rn, bitfieldHw2(rd, shift, satImm),
                (unsigned ? "usat " : "ssat ") + r(rd) + ", #" + bits + ", " + r(rn) + sh, 0);
    }

    /** SBFX / UBFX (T1). */
    static Insn bitfieldExtract(boolean unsigned, int rd, int rn, int lsb, int width) {
        return plainImm(unsigned ? 0b11100 : 0b10100, rn, bitfieldHw2(rd, lsb, width - 1),
                (unsigned ? "ubfx " : "sbfx ") + r(rd) + ", " + r(rn) + ", #" + lsb + ", #" + width, 0);
    }

    /** BFI (T1), or BFC when rn is 15. */
    static Insn bitfieldInsert(int rd, int rn, int lsb, int width) {
        int msb = lsb + width - 1;
        String text = rn == 15 ? "bfc " + r(rd) + ", #" + lsb + ", #" + width
                : "bfi " + r(rd) + ", " + r(rn) + ", #" + lsb + ", #" + width;
        return plainImm(0b10110, rn, bitfieldHw2(rd, lsb, msb), text, 0);
    }

    static final String[] DP_SHIFTED = DP_MOD;

    /** Data processing (shifted register); type 0..3 LSL LSR ASR ROR, ROR #0 is RRX. */
    static Insn dpShiftedReg(int op, boolean setFlags, int rd, int rn, int rm, int type, int imm5) {
        int hw1 = 0xEA00 | op << 5 | (setFlags ? 0x10 : 0) | rn;
        int hw2 = (imm5 >> 2 & 7) << 12 | rd << 8 | (imm5 & 3) << 6 | type << 4 | rm;
        String shift = type == 3 && imm5 == 0 ? ", rrx"
                : imm5 == 0 && type == 0 ? "" : ", " + SHIFT[type] + " #" + (imm5 == 0 ? 32 : imm5);
        String text;
        if (rd == 15 && setFlags && (op == 0 || op == 4 || op == 8 || op == 13)) {
            String name = switch (op) {
                case 0 -> "tst";
                case 4 -> "teq";
                case 8 -> "cmn";
                default -> "cmp";
            };
            text = name + ".w " + r(rn) + ", " + r(rm) + shift;
        } else if (rn == 15 && (op == 2 || op == 3)) {
            text = (op == 2 ? "mov" : "mvn") + s(setFlags) + ".w " + r(rd) + ", " + r(rm) + shift;
        } else {
            text = DP_SHIFTED[op] + s(setFlags) + ".w " + r(rd) + ", " + r(rn) + ", " + r(rm) + shift;
        }
        return Insn.wide(hw1, hw2, text);
    }

    /** LSL/LSR/ASR/ROR (register) T2. */
    static Insn shiftReg32(int type, boolean setFlags, int rd, int rn, int rm) {
        return Insn.wide(0xFA00 | type << 5 | (setFlags ? 0x10 : 0) | rn, 0xF000 | rd << 8 | rm,
                SHIFT[type] + s(setFlags) + ".w " + r(rd) + ", " + r(rn) + ", " + r(rm));
    }

    /** SXTH UXTH SXTB UXTB (T2) with rotation 0..3 (x8). */
    static Insn extend32(int kind, int rd, int rm, int rotation) {
        int[] ops = {0b0000, 0b0001, 0b0100, 0b0101};
        String[] names = {"sxth", "uxth", "sxtb", "uxtb"};
        return Insn.wide(0xFA00 | ops[kind] << 4 | 0xF, 0xF080 | rd << 8 | rotation << 4 | rm,
                names[kind] + ".w " + r(rd) + ", " + r(rm) + (rotation == 0 ? "" : ", ror #" + rotation * 8));
    }

    /** REV REV16 RBIT REVSH (kind 0..3) and CLZ (kind 4), T2/T1. */
    static Insn misc32(int kind, int rd, int rm) {
        String[] names = {"rev.w", "rev16.w", "rbit", "revsh.w", "clz"};
        int op1 = kind == 4 ? 0b011 : 0b001;
        int op2 = kind == 4 ? 0 : kind;
        return Insn.wide(0xFA80 | op1 << 4 | rm, 0xF080 | rd << 8 | op2 << 4 | rm,
                names[kind] + " " + r(rd) + ", " + r(rm));
    }

    /** MUL (ra 15) / MLA / MLS (T2/T1). */
    static Insn mul32(boolean mls, int rd, int rn, int rm, int ra) {
        String text = mls ? "mls " + r(rd) + ", " + r(rn) + ", " + r(rm) + ", " + r(ra)
                : ra == 15 ? "mul.w " + r(rd) + ", " + r(rn) + ", " + r(rm)
                : "mla " + r(rd) + ", " + r(rn) + ", " + r(rm) + ", " + r(ra);
        return Insn.wide(0xFB00 | rn, ra << 12 | rd << 8 | (mls ? 0x10 : 0) | rm, text);
    }

    /** SMULL UMULL SMLAL UMLAL (kind 0..3). */
    static Insn longMul(int kind, int rdLo, int rdHi, int rn, int rm) {
        int[] op1 = {0b000, 0b010, 0b100, 0b110};
        String[] names = {"smull", "umull", "smlal", "umlal"};
        return Insn.wide(0xFB80 | op1[kind] << 4 | rn, rdLo << 12 | rdHi << 8 | rm,
                names[kind] + " " + r(rdLo) + ", " + r(rdHi) + ", " + r(rn) + ", " + r(rm));
    }

    /** SDIV / UDIV. */
    static Insn divide(boolean unsigned, int rd, int rn, int rm) {
        return Insn.wide(0xFB90 | (unsigned ? 0x20 : 0) | rn, 0xF0F0 | rd << 8 | rm,
                (unsigned ? "udiv " : "sdiv ") + r(rd) + ", " + r(rn) + ", " + r(rm));
    }

    /** Names of single loads/stores by {signed, size, load}. */
    private static String lsName(boolean signed, int size, boolean load) {
        return (load ? "ldr" : "str") + (signed ? "s" : "") + (size == 0 ? "b" : size == 1 ? "h" : "");
    }

    private static int lsHw1(boolean signed, int size, boolean load, int rn) {
        return 0xF800 | (signed ? 0x100 : 0) | size << 5 | (load ? 0x10 : 0) | rn;
    }

    /** LDR/STR{B,H,SB,SH}.W [Rn, #imm12] (T3 for stores/loads, T1 for signed loads). */
    static Insn lsImm12(boolean signed, int size, boolean load, int rt, int rn, int imm12) {
        return Insn.wide(lsHw1(signed, size, load, rn) | 0x80, rt << 12 | imm12,
                lsName(signed, size, load) + ".w " + r(rt) + ", [" + r(rn) + ", #" + imm12 + "]");
    }

    /** LDR/STR{B,H,SB,SH} with imm8: P U W as in the manual (P=1 U=1 W=0 is the unprivileged LDRT form). */
    static Insn lsImm8(boolean signed, int size, boolean load, int rt, int rn, boolean p, boolean u, boolean w,
                       int imm8) {
        String off = (u ? "#" : "#-") + imm8;
        String addr = !p ? "[" + r(rn) + "], " + off : "[" + r(rn) + ", " + off + "]" + (w ? "!" : "");
        String name = lsName(signed, size, load) + (p && u && !w ? "t" : "");
        return Insn.wide(lsHw1(signed, size, load, rn),
                rt << 12 | 0x800 | (p ? 0x400 : 0) | (u ? 0x200 : 0) | (w ? 0x100 : 0) | imm8,
                name + " " + r(rt) + ", " + addr);
    }

    /** LDR/STR{B,H,SB,SH}.W [Rn, Rm, LSL #shift] (T2). */
    static Insn lsRegShift(boolean signed, int size, boolean load, int rt, int rn, int rm, int shift) {
        return Insn.wide(lsHw1(signed, size, load, rn), rt << 12 | shift << 4 | rm,
                lsName(signed, size, load) + ".w " + r(rt) + ", [" + r(rn) + ", " + r(rm)
                        + (shift == 0 ? "" : ", lsl #" + shift) + "]");
    }

    /** LDR{,B,H,SB,SH}.W Rt, [PC, #+imm12] (literal, T2). */
    static Insn ldrLiteral32(boolean signed, int size, int rt, int imm12) {
        return ldrLiteral32(signed, size, rt, imm12, true);
    }

    /** LDR{,B,H,SB,SH}.W Rt, [PC, #+-imm12] (literal, T2; {@code add} false: below Align(PC, 4)). */
    static Insn ldrLiteral32(boolean signed, int size, int rt, int imm12, boolean add) {
        return Insn.wide(lsHw1(signed, size, true, 15) | (add ? 0x80 : 0), rt << 12 | imm12,
                lsName(signed, size, true) + ".w " + r(rt) + ", [pc, #" + (add ? "" : "-") + imm12 + "]");
    }

    /** LDRD/STRD (immediate) T1, offset imm8*4. */
    static Insn lsDual(boolean load, int rt, int rt2, int rn, boolean p, boolean u, boolean w, int imm8) {
        String off = (u ? "#" : "#-") + imm8 * 4;
        String addr = !p ? "[" + r(rn) + "], " + off : "[" + r(rn) + ", " + off + "]" + (w ? "!" : "");
        return Insn.wide(0xE840 | (p ? 0x100 : 0) | (u ? 0x80 : 0) | (w ? 0x20 : 0) | (load ? 0x10 : 0) | rn,
                rt << 12 | rt2 << 8 | imm8, (load ? "ldrd " : "strd ") + r(rt) + ", " + r(rt2) + ", " + addr);
    }

    /** LDM/STM .W: IA (db false) or DB, with or without writeback. */
    static Insn lsMultiple(boolean load, boolean db, int rn, boolean wback, int mask) {
        int hw1 = (db ? 0xE900 : 0xE880) | (wback ? 0x20 : 0) | (load ? 0x10 : 0) | rn;
        return Insn.wide(hw1, mask, (load ? "ldm" : "stm") + (db ? "db" : "ia") + ".w " + r(rn)
                + (wback ? "!" : "") + ", " + list(mask));
    }

    static Insn ldrex(int rt, int rn, int imm8) {
        return Insn.wide(0xE850 | rn, rt << 12 | 0xF00 | imm8, "ldrex " + r(rt) + ", [" + r(rn) + ", #" + imm8 * 4
                + "]");
    }

    static Insn strex(int rd, int rt, int rn, int imm8) {
        return Insn.wide(0xE840 | rn, rt << 12 | rd << 8 | imm8,
                "strex " + r(rd) + ", " + r(rt) + ", [" + r(rn) + ", #" + imm8 * 4 + "]");
    }

    /** LDREXB (half false) / LDREXH. */
    static Insn ldrexNarrow(boolean half, int rt, int rn) {
        return Insn.wide(0xE8D0 | rn, rt << 12 | 0xF0F | (half ? 0x50 : 0x40),
                (half ? "ldrexh " : "ldrexb ") + r(rt) + ", [" + r(rn) + "]");
    }

    /** STREXB / STREXH. */
    static Insn strexNarrow(boolean half, int rd, int rt, int rn) {
        return Insn.wide(0xE8C0 | rn, rt << 12 | 0xF00 | (half ? 0x50 : 0x40) | rd,
                (half ? "strexh " : "strexb ") + r(rd) + ", " + r(rt) + ", [" + r(rn) + "]");
    }

    static Insn clrex() {
        return Insn.wide(0xF3BF, 0x8F2F, "clrex");
    }

    /** TBB / TBH [Rn, Rm] (Rn 15: table right after the instruction). */
    static Insn tableBranch(boolean half, int rn, int rm) {
        return Insn.wide(0xE8D0 | rn, 0xF000 | (half ? 0x10 : 0) | rm,
                half ? "tbh [" + r(rn) + ", " + r(rm) + ", lsl #1]" : "tbb [" + r(rn) + ", " + r(rm) + "]");
    }

    /** B&lt;c&gt;.W T3 to PC+4+offset, 0 &lt;= offset &lt; 2^18. */
    static Insn bCond32(int cond, int offset) {
        int imm11 = offset >> 1 & 0x7FF;
        int imm6 = offset >> 12 & 0x3F;
        return Insn.wide(0xF000 | cond << 6 | imm6, 0x8000 | imm11, "b" + COND[cond] + ".w .+" + (offset + 4));
    }

    /** B.W T4 (link false) or BL, to PC+4+offset (offset even, within +-16 MiB). */
    static Insn b32(boolean link, int offset) {
        int sign = offset >>> 24 & 1;
        int i1 = offset >> 23 & 1;
        int i2 = offset >> 22 & 1;
        int j1 = ~i1 & 1 ^ sign; // I1 = NOT(J1 XOR S)
        int j2 = ~i2 & 1 ^ sign;
        int imm10 = offset >> 12 & 0x3FF;
        int imm11 = offset >> 1 & 0x7FF;
        return Insn.wide(0xF000 | sign << 10 | imm10, (link ? 0xD000 : 0x9000) | j1 << 13 | j2 << 11 | imm11,
                (link ? "bl .+" : "b.w .+") + (offset + 4));
    }

    static Insn mrs(int rd, int sysm) {
        return Insn.wide(0xF3EF, 0x8000 | rd << 8 | sysm, "mrs " + r(rd) + ", " + sysmName(sysm));
    }

    /** MSR APSR_nzcvq, Rn (mask 0b10) on SYSm 0..3. */
    static Insn msrApsr(int rn, int sysm) {
        return Insn.wide(0xF380 | rn, 0x8800 | sysm, "msr " + sysmName(sysm) + "_nzcvq, " + r(rn));
    }

    /** MSR &lt;special&gt;, Rn for the non-APSR registers (mask 0b10). */
    static Insn msr(int sysm, int rn) {
        return Insn.wide(0xF380 | rn, 0x8800 | sysm, "msr " + sysmName(sysm) + ", " + r(rn));
    }

    /** CPSIE/CPSID i or f. */
    static Insn cps(boolean disable, boolean faultMask) {
        return Insn.narrow(0xB660 | (disable ? 0x10 : 0) | (faultMask ? 1 : 2),
                (disable ? "cpsid " : "cpsie ") + (faultMask ? "f" : "i"));
    }

    static String sysmName(int sysm) {
        return switch (sysm) {
            case 0 -> "apsr";
            case 1 -> "iapsr";
            case 2 -> "eapsr";
            case 3 -> "xpsr";
            case 5 -> "ipsr";
            case 6 -> "epsr";
            case 7 -> "iepsr";
            case 8 -> "msp";
            case 9 -> "psp";
            case 16 -> "primask";
            case 17 -> "basepri";
            case 18 -> "basepri_max";
            case 19 -> "faultmask";
            case 20 -> "control";
            default -> "sysm" + sysm;
        };
    }

    static Insn nop32() {
        return Insn.wide(0xF3AF, 0x8000, "nop.w");
    }

    // ---- DSP extension (Cortex-M4) ------------------------------------------------------------------------

    static final String[] PARALLEL_OP = {"add8", "add16", "asx", "?3", "sub8", "sub16", "sax", "?7"};
    static final String[] PARALLEL_PREFIX = {"s", "q", "sh", "?", "u", "uq", "uh", "?"};

    /** Parallel add/subtract: op 0..6 (no 3), prefix 0 S, 1 Q, 2 SH, 4 U, 5 UQ, 6 UH. */
    static Insn parallel(int op, int prefix, int rd, int rn, int rm) {
        return Insn.wide(0xFA80 | op << 4 | rn, 0xF000 | rd << 8 | prefix << 4 | rm,
                PARALLEL_PREFIX[prefix] + PARALLEL_OP[op] + " " + r(rd) + ", " + r(rn) + ", " + r(rm));
    }

    /** QADD QDADD QSUB QDSUB (kind 0..3): Rd = sat(Rm op sat(2*Rn)). */
    static Insn saturatingArith(int kind, int rd, int rm, int rn) {
        String[] names = {"qadd", "qdadd", "qsub", "qdsub"};
        return Insn.wide(0xFA80 | rn, 0xF080 | rd << 8 | kind << 4 | rm,
                names[kind] + " " + r(rd) + ", " + r(rm) + ", " + r(rn));
    }

    static Insn sel(int rd, int rn, int rm) {
        return Insn.wide(0xFAA0 | rn, 0xF080 | rd << 8 | rm, "sel " + r(rd) + ", " + r(rn) + ", " + r(rm));
    }

    /**
     * The 32-bit DSP multiplies: op1 1 SMLA/SMULxy (sub = N:M), 2 SMLAD/SMUAD (sub = X), 3 SMLAW/SMULWy (sub =
     * M), 4 SMLSD/SMUSD (X), 5 SMMLA/SMMUL (R), 6 SMMLS (R, ra required), 7 USADA8/USAD8. ra 15 = no accumulate.
     */
    static Insn dspMultiply(int op1, int sub, int rd, int rn, int rm, int ra) {
        String xy = "bt";
        String name = switch (op1) {
            case 1 -> (ra == 15 ? "smul" : "smla") + xy.charAt(sub >> 1) + xy.charAt(sub & 1);
            case 2 -> (ra == 15 ? "smuad" : "smlad") + (sub == 1 ? "x" : "");
            case 3 -> (ra == 15 ? "smulw" : "smlaw") + xy.charAt(sub & 1);
            case 4 -> (ra == 15 ? "smusd" : "smlsd") + (sub == 1 ? "x" : "");
            case 5 -> (ra == 15 ? "smmul" : "smmla") + (sub == 1 ? "r" : "");
            case 6 -> "smmls" + (sub == 1 ? "r" : "");
            default -> ra == 15 ? "usad8" : "usada8";
        };
        return Insn.wide(0xFB00 | op1 << 4 | rn, ra << 12 | rd << 8 | sub << 4 | rm,
                name + " " + r(rd) + ", " + r(rn) + ", " + r(rm) + (ra == 15 ? "" : ", " + r(ra)));
    }

    /** SMLALxy (kind 0, sub = N:M), SMLALD (1, sub = X), SMLSLD (2, sub = X), UMAAL (3). */
    static Insn dspLongMultiply(int kind, int sub, int rdLo, int rdHi, int rn, int rm) {
        int op1 = kind == 2 ? 0b101 : kind == 3 ? 0b110 : 0b100;
        int op2 = switch (kind) {
            case 0 -> 0b1000 | sub;
            case 1, 2 -> 0b1100 | sub;
            default -> 0b0110;
        };
        String xy = "bt";
        String name = switch (kind) {
            case 0 -> "smlal" + xy.charAt(sub >> 1) + xy.charAt(sub & 1);
            case 1 -> "smlald" + (sub == 1 ? "x" : "");
            case 2 -> "smlsld" + (sub == 1 ? "x" : "");
            default -> "umaal";
        };
        return Insn.wide(0xFB80 | op1 << 4 | rn, rdLo << 12 | rdHi << 8 | op2 << 4 | rm,
                name + " " + r(rdLo) + ", " + r(rdHi) + ", " + r(rn) + ", " + r(rm));
    }

    /** SSAT16 (to 1..16 bits) / USAT16 (to 0..15 bits). */
    static Insn saturate16(boolean unsigned, int rd, int bits, int rn) {
        int satImm = unsigned ? bits : bits - 1;
        return Insn.wide((unsigned ? 0xF3A0 : 0xF320) | rn, rd << 8 | satImm,
                (unsigned ? "usat16 " : "ssat16 ") + r(rd) + ", #" + bits + ", " + r(rn));
    }

    /** PKHBT (tb false, LSL #shift) / PKHTB (ASR #shift, 0 = 32). */
    static Insn pack(boolean tb, int rd, int rn, int rm, int shift) {
        String sh = shift == 0 ? (tb ? ", asr #32" : "") : (tb ? ", asr #" : ", lsl #") + shift;
        return Insn.wide(0xEAC0 | rn, (shift >> 2 & 7) << 12 | rd << 8 | (shift & 3) << 6 | (tb ? 0x20 : 0) | rm,
                (tb ? "pkhtb " : "pkhbt ") + r(rd) + ", " + r(rn) + ", " + r(rm) + sh);
    }

    /** SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB (op 0..5), or the non-accumulating forms with rn 15. */
    static Insn extendAdd(int op, int rd, int rn, int rm, int rotation) {
        String[] names = {"sxtah", "uxtah", "sxtab16", "uxtab16", "sxtab", "uxtab"};
        String name = rn == 15 ? names[op].replace("a", "") : names[op];
        return Insn.wide(0xFA00 | op << 4 | rn, 0xF080 | rd << 8 | rotation << 4 | rm,
                name + " " + r(rd) + ", " + (rn == 15 ? "" : r(rn) + ", ") + r(rm)
                        + (rotation == 0 ? "" : ", ror #" + rotation * 8));
    }
}
