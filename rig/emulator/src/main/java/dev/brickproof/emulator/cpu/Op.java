package dev.brickproof.emulator.cpu;

/**
 * Decoded instruction kinds. Values below {@link #WIDE} are 16-bit Thumb instructions, values from
 * {@link #WIDE} up are 32-bit Thumb-2 instructions, so the instruction size is {@code 2 + 2 * (kind >>> 7)}.
 * Int constants rather than an enum so the interpreter's switch compiles to a plain table jump.
 */
final class Op {
    private Op() {
    }

    static final int NONE = 0;
    // ---- 16-bit
    static final int LSL_I = 1, LSR_I = 2, ASR_I = 3, ADD_R3 = 4, SUB_R3 = 5, ADD_I3 = 6, SUB_I3 = 7;
    static final int MOV_I8 = 8, CMP_I8 = 9, ADD_I8 = 10, SUB_I8 = 11;
    static final int AND = 12, EOR = 13, LSL_R = 14, LSR_R = 15, ASR_R = 16, ADC = 17, SBC = 18, ROR_R = 19;
    static final int TST = 20, RSB0 = 21, CMP_R = 22, CMN = 23, ORR = 24, MUL = 25, BIC = 26, MVN = 27;
    static final int ADD_HI = 28, CMP_HI = 29, MOV_HI = 30, BX = 31, BLX = 32, LDR_LIT = 33;
    static final int STR_R = 34, STRH_R = 35, STRB_R = 36, LDRSB_R = 37, LDR_R = 38, LDRH_R = 39, LDRB_R = 40,
            LDRSH_R = 41;
    static final int STR_I = 42, LDR_I = 43, STRB_I = 44, LDRB_I = 45, STRH_I = 46, LDRH_I = 47, STR_SP = 48,
            LDR_SP = 49;
    static final int ADR = 50, ADD_SP_I8 = 51, ADD_SP7 = 52, SUB_SP7 = 53, CBZ = 54, CBNZ = 55;
    static final int SXTH = 56, SXTB = 57, UXTH = 58, UXTB = 59, PUSH = 60, CPS = 61, REV = 62, REV16 = 63,
            REVSH = 64, POP = 65, BKPT = 66, IT = 67, NOP = 68, YIELD = 69, WFE = 70, WFI = 71, SEV = 72;
    static final int STM16 = 73, LDM16 = 74, BCOND16 = 75, UDF16 = 76, SVC = 77, B16 = 78, UNDEF16 = 79;
    static final int MOVS_R = 80;

    // ---- 32-bit
    static final int WIDE = 128;
    static final int LDM32 = 128, STREX = 129, LDREX = 130, STREXBH = 131, LDREXBH = 132, TBB = 133, TBH = 134,
            LDRD_STRD = 135;
    static final int DP_SREG = 136, DP_MODIMM = 137, ADDW_SUBW = 138, MOVW = 139, MOVT = 140, SAT = 141,
            BITFIELD = 142;
    static final int BCOND32 = 143, B32 = 144, BL = 145, MSR = 146, MRS = 147, HINT32 = 148, BARRIER = 149,
            CLREX = 150, UDF32 = 151;
    static final int LDST_IMM12 = 152, LDST_IMM8 = 153, LDST_REG = 154, LDST_LIT = 155;
    static final int SHIFT_REG = 156, EXTEND = 157, PARALLEL = 158, SAT_ADD = 159, MISC32 = 160;
    static final int MUL32 = 161, DSP_MUL = 162, LONG_MUL = 163, DIV = 164, COPROC = 165, UNDEF32 = 166,
            UNIMPL32 = 167, MEM_HINT = 168;

    // Specialised 32-bit kinds the decoder refines the groups above into, so the hot path has one dispatch.
    /** Data processing, modified immediate: {@code MI_BASE + op} (op = hw1[8:5]); the immediate is pre-expanded. */
    static final int MI_BASE = 170, MI_TST = 186, MI_TEQ = 187, MI_CMN = 188, MI_CMP = 189, MI_MOV = 190,
            MI_MVN = 191;
    /** Data processing, shifted register: {@code SR_BASE + op}. */
    static final int SR_BASE = 192, SR_TST = 208, SR_TEQ = 209, SR_CMN = 210, SR_CMP = 211, SR_MOV = 212,
            SR_MVN = 213;
    static final int ADDW = 214, SUBW = 215, SBFX = 216, UBFX = 217, BFI = 218, BFC = 219, MUL_W = 220, MLA = 221,
            MLS = 222, SXTH_W = 223, UXTH_W = 224, SXTB_W = 225, UXTB_W = 226, REV_W = 227, REV16_W = 228,
            RBIT = 229, REVSH_W = 230, CLZ = 231, LDR_IMM12 = 232, STR_IMM12 = 233, LDRB_IMM12 = 234,
            STRB_IMM12 = 235, LDRH_IMM12 = 236, STRH_IMM12 = 237, LDRSB_IMM12 = 238, LDRSH_IMM12 = 239;
    /** Shift by register, 32-bit: {@code SHIFT_REG_BASE + type} (LSL, LSR, ASR, ROR). */
    static final int SHIFT_REG_BASE = 240;

    static boolean isWide(int kind) {
        return kind >= WIDE;
    }
}
