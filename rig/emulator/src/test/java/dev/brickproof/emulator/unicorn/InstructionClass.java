package dev.brickproof.emulator.unicorn;

import static dev.brickproof.emulator.unicorn.Thumb.*;

/**
 * The encoding classes the core supports, each able to emit one random "item": optional setup (MOVW/MOVT to
 * point a base register into the RAM window, a non-zero divisor, a compare to randomise flags) followed by the
 * instruction(s) under test. Operands are drawn only from the combinations the ARMv7-M ARM defines; branches
 * go forward only, so every stream terminates.
 */
enum InstructionClass {
    SHIFT_IMM_16 {
        @Override
        void emit(Gen g) {
            int op = g.nextInt(3);
            int imm5 = g.nextInt(32);
            if (op == 0 && imm5 == 0 && g.inIt()) {
                imm5 = 1; // MOV (register) T2 is UNPREDICTABLE inside an IT block
            }
            g.emit(shiftImm16(op, g.lo(), g.lo(), imm5, g.flags16()));
        }
    },
    ADD_SUB_MOV_CMP_16 {
        @Override
        void emit(Gen g) {
            switch (g.nextInt(3)) {
                case 0 -> g.emit(addSubReg16(g.coin(), g.lo(), g.lo(), g.lo(), g.flags16()));
                case 1 -> g.emit(addSubImm3(g.coin(), g.lo(), g.lo(), g.nextInt(8), g.flags16()));
                default -> g.emit(imm8(g.nextInt(4), g.lo(), g.nextInt(256), g.flags16()));
            }
        }
    },
    DATA_PROCESSING_16 {
        @Override
        void emit(Gen g) {
            g.emit(dp16(g.nextInt(16), g.lo(), g.lo(), g.flags16()));
        }
    },
    HI_REGISTER_16 {
        @Override
        void emit(Gen g) {
            int op = g.nextInt(3);
            int rdn = g.data();
            int rm = op != 1 && g.chance(0.15) ? 15 : g.data();
            if (op == 1 && rdn < 8 && rm < 8) {
                rdn = g.between(8, 12); // CMP T2 with two low registers is UNPREDICTABLE
                if (g.isReserved(rdn)) {
                    rdn = 14;
                }
            }
            g.emit(hiReg(op, rdn, rm));
        }
    },
    LOAD_STORE_IMM_16 {
        @Override
        void emit(Gen g) {
            if (g.chance(0.25)) {
                g.emit(lsSp16(g.coin(), g.lo(), g.nextInt(256)));
                return;
            }
            int size = g.nextInt(3);
            int rn = g.lo();
            g.pointInto(rn, g.between(0x10, 0x700) & ~3);
            g.emit(lsImm16(size, g.coin(), g.lo(), rn, g.nextInt(32)));
        }
    },
    LOAD_STORE_REG_16 {
        @Override
        void emit(Gen g) {
            int rn = g.lo();
            int rm = g.loExcept(rn);
            int opB = g.nextInt(8);
            int align = opB == 0 || opB == 4 ? 3 : opB == 1 || opB == 5 || opB == 7 ? 1 : 0;
            g.pointInto(rn, g.between(0x100, 0x700) & ~3);
            g.constant(rm, g.between(0, 0x7F0) & ~align);
            g.emit(lsReg16(opB, g.lo(), rn, rm));
        }
    },
    PC_SP_RELATIVE {
        @Override
        void emit(Gen g) {
            switch (g.nextInt(9)) {
                case 0 -> g.emit(adr16(g.lo(), g.nextInt(256)));
                case 1 -> {
                    if (g.coin()) {
                        g.emit(ldrLiteral16(g.lo(), g.nextInt(256)));
                    } else { // below PC: the stream starts at 0x100, so -256 stays in the code region
                        g.emit(ldrLiteral32(false, 2, g.data(), g.nextInt(64) * 4, false));
                    }
                }
                case 6 -> { // SP as a destination: mov rX, sp; sub(s).w sp, sp, #imm; mov sp, rX
                    int saved = g.data();
                    g.emit(hiReg(2, saved, 13));
                    g.reserve(saved);
                    g.emit(dpModImm(13, g.coin(), 13, 13, g.nextInt(64) * 4));
                    g.emit(addRdSp16(g.lo(), g.nextInt(16)));
                    g.emit(hiReg(2, 13, saved));
                    g.release(saved);
                }
                case 7 -> { // add sp, rM ... sub.w sp, sp, rM
                    int rm = g.data();
                    g.constant(rm, g.nextInt(256) * 4);
                    g.reserve(rm);
                    g.emit(hiReg(0, 13, rm));
                    g.emit(lsSp16(g.coin(), g.lo(), g.nextInt(64)));
                    g.emit(dpShiftedReg(13, false, 13, 13, rm, 0, 0));
                    g.release(rm);
                }
                case 8 -> g.emit(dpShiftedReg(g.coin() ? 8 : 13, g.coin(), g.data(), 13, g.data(), g.nextInt(4),
                        g.nextInt(32))); // add/sub.w rd, sp, rm, shift
                case 2 -> g.emit(addRdSp16(g.lo(), g.nextInt(256)));
                case 3 -> {
                    int imm7 = g.nextInt(128);
                    boolean subFirst = g.coin();
                    g.emit(adjustSp16(subFirst, imm7));
                    g.emit(addRdSp16(g.lo(), g.nextInt(64)));
                    g.emit(adjustSp16(!subFirst, imm7));
                }
                case 4 -> g.emit(addSubW(g.coin(), g.data(), 15, g.nextInt(4096)));
                default -> g.emit(addSubW(g.coin(), g.data(), 13, g.nextInt(1024) & ~3));
            }
        }
    },
    LOAD_STORE_MULTIPLE {
        @Override
        void emit(Gen g) {
            int[] low = {0, 1, 2, 3, 4, 5, 6, 7};
            int[] wide = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14};
            switch (g.nextInt(4)) {
                case 0 -> { // PUSH / POP (16-bit), balanced
                    boolean lr = g.coin();
                    int n = g.between(1, lr ? 7 : 8);
                    g.emit(push16(g.regList(low, n, 0), lr));
                    if (g.coin()) {
                        SHIFT_IMM_16.emit(g);
                    }
                    g.emit(pop16(g.regList(low, n + (lr ? 1 : 0), 0), false));
                }
                case 1 -> { // PUSH.W / POP.W (STMDB sp! / LDMIA sp!)
                    int n = g.between(2, 13);
                    g.emit(lsMultiple(false, true, 13, true, g.regList(wide, n, 0)));
                    g.emit(lsMultiple(true, false, 13, true, g.regList(wide, n, 0)));
                }
                case 2 -> { // STMIA / LDMIA (16-bit)
                    int rn = g.lo();
                    g.pointInto(rn, g.between(0x100, 0xE00) & ~3);
                    if (g.coin()) {
                        g.emit(stm16(rn, g.regList(low, g.between(1, 7), 1 << rn)));
                    } else {
                        g.emit(ldm16(rn, g.regList(low, g.between(1, 8), g.coin() ? 1 << rn : 0)));
                    }
                }
                default -> { // LDM/STM IA/DB .W
                    int rn = g.data();
                    boolean load = g.coin();
                    boolean wback = g.coin();
                    g.pointInto(rn, g.between(0x100, 0xE00) & ~3);
                    int not = 1 << 13 | 1 << 15 | (wback || !load ? 1 << rn : 0);
                    g.emit(lsMultiple(load, g.coin(), rn, wback, g.regList(wide, g.between(2, 12), not)));
                }
            }
        }
    },
    DP_MODIFIED_IMM_32 {
        @Override
        void emit(Gen g) {
            int[] ops = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
            int op = ops[g.nextInt(ops.length)];
            boolean s = g.coin();
            int rd = g.data();
            int rn = g.data();
            boolean compare = op == 0 || op == 4 || op == 8 || op == 13;
            if (compare && s && g.chance(0.3)) {
                rd = 15; // TST TEQ CMN CMP
            } else if ((op == 2 || op == 3) && g.chance(0.3)) {
                rn = 15; // MOV MVN
            }
            g.emit(dpModImm(op, s, rd, rn, g.nextInt(4096)));
        }
    },
    DP_PLAIN_IMM_32 {
        @Override
        void emit(Gen g) {
            switch (g.nextInt(3)) {
                case 0 -> g.emit(addSubW(g.coin(), g.data(), g.data(), g.nextInt(4096)));
                case 1 -> g.emit(movwt(false, g.data(), g.nextInt(0x10000)));
                default -> g.emit(movwt(true, g.data(), g.nextInt(0x10000)));
            }
        }
    },
    DP_SHIFTED_REG_32 {
        @Override
        void emit(Gen g) {
            if (g.chance(0.25)) {
                g.emit(shiftReg32(g.nextInt(4), g.coin(), g.data(), g.data(), g.data()));
                return;
            }
            int[] ops = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
            int op = ops[g.nextInt(ops.length)];
            boolean s = g.coin();
            int rd = g.data();
            int rn = g.data();
            boolean compare = op == 0 || op == 4 || op == 8 || op == 13;
            if (compare && s && g.chance(0.3)) {
                rd = 15;
            } else if ((op == 2 || op == 3) && g.chance(0.3)) {
                rn = 15;
            }
            g.emit(dpShiftedReg(op, s, rd, rn, g.data(), g.nextInt(4), g.nextInt(32)));
        }
    },
    BIT_FIELD {
        @Override
        void emit(Gen g) {
            int lsb = g.nextInt(32);
            int width = g.between(1, 32 - lsb);
            switch (g.nextInt(4)) {
                case 0 -> g.emit(bitfieldInsert(g.data(), g.data(), lsb, width));
                case 1 -> g.emit(bitfieldInsert(g.data(), 15, lsb, width));
                case 2 -> g.emit(bitfieldExtract(false, g.data(), g.data(), lsb, width));
                default -> g.emit(bitfieldExtract(true, g.data(), g.data(), lsb, width));
            }
        }
    },
    SATURATE {
        @Override
        void emit(Gen g) {
            boolean unsigned = g.coin();
            boolean asr = g.coin();
            int shift = asr ? g.between(1, 31) : g.nextInt(32);
            int bits = unsigned ? g.nextInt(32) : g.between(1, 32);
            g.emit(saturate(unsigned, g.data(), bits, g.data(), asr, shift));
            if (g.chance(0.2)) {
                g.emit(mrs(g.data(), 0)); // Q is sticky: read it back
            }
        }
    },
    MULTIPLY {
        @Override
        void emit(Gen g) {
            switch (g.nextInt(4)) {
                case 0 -> g.emit(dp16(13, g.lo(), g.lo(), g.flags16()));
                case 1 -> g.emit(mul32(false, g.data(), g.data(), g.data(), 15));
                case 2 -> g.emit(mul32(false, g.data(), g.data(), g.data(), g.data()));
                default -> g.emit(mul32(true, g.data(), g.data(), g.data(), g.data()));
            }
        }
    },
    LONG_MULTIPLY {
        @Override
        void emit(Gen g) {
            int lo = g.data();
            int hi = g.dataExcept(lo);
            g.emit(longMul(g.nextInt(4), lo, hi, g.data(), g.data()));
        }
    },
    DIVIDE {
        @Override
        void emit(Gen g) {
            int rn = g.data();
            int rm = g.dataExcept(rn);
            if (g.chance(0.1)) { // INT_MIN / -1: no trap on ARMv7-M, result INT_MIN
                g.emit(movwt(false, rn, 0));
                g.emit(movwt(true, rn, 0x8000));
                g.emit(dpModImm(3, false, rm, 15, 0)); // mvn rm, #0
                g.emit(divide(false, g.data(), rn, rm));
                return;
            }
            // orr rm, rm, #(0x80 | imm7) ror n: the divisor gets at least one bit set, the rest stays random
            g.emit(dpModImm(2, false, rm, rm, g.between(8, 31) << 7 | g.nextInt(128)));
            g.emit(divide(g.coin(), g.data(), rn, rm));
        }
    },
    BIT_OPERATIONS {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                int[] ops = {0, 1, 3};
                g.emit(rev16bit(ops[g.nextInt(3)], g.lo(), g.lo()));
            } else {
                g.emit(misc32(g.nextInt(5), g.data(), g.data()));
            }
        }
    },
    EXTEND {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                g.emit(extend16(g.nextInt(4), g.lo(), g.lo()));
            } else {
                g.emit(extend32(g.nextInt(4), g.data(), g.data(), g.nextInt(4)));
            }
        }
    },
    LOAD_STORE_IMM_32 {
        @Override
        void emit(Gen g) {
            boolean load = g.coin();
            boolean signed = load && g.chance(0.3);
            int size = signed ? g.nextInt(2) : g.nextInt(3);
            int align = size == 2 ? 3 : size == 1 ? 1 : 0;
            int rt = g.data();
            switch (g.nextInt(3)) {
                case 0 -> {
                    int rn = g.data();
                    g.pointInto(rn, g.between(0x000, 0x700) & ~3);
                    g.emit(lsImm12(signed, size, load, rt, rn, g.nextInt(0x800) & ~align));
                }
                case 1 -> {
                    int rn = g.dataExcept(rt);
                    g.pointInto(rn, g.between(0x200, 0xD00) & ~3);
                    boolean p;
                    boolean w;
                    switch (g.nextInt(4)) {
                        case 0 -> { p = true; w = false; } // offset (negative) or LDRT (positive)
                        case 1 -> { p = true; w = true; }  // pre-indexed
                        default -> { p = false; w = true; } // post-indexed
                    }
                    boolean u = g.coin();
                    g.emit(lsImm8(signed, size, load, rt, rn, p, u, w, g.nextInt(256) & ~align));
                }
                default -> g.emit(ldrLiteral32(signed, size, rt, g.nextInt(0x800) & ~align));
            }
        }
    },
    LOAD_STORE_REG_32 {
        @Override
        void emit(Gen g) {
            boolean load = g.coin();
            boolean signed = load && g.chance(0.3);
            int size = signed ? g.nextInt(2) : g.nextInt(3);
            int rn = g.data();
            int rm = g.dataExcept(rn);
            int shift = g.nextInt(4);
            int align = size == 2 ? 3 : size == 1 ? 1 : 0;
            g.pointInto(rn, g.between(0x100, 0x700) & ~3);
            g.constant(rm, (g.nextInt(0x100) & ~align) >> Math.min(shift, size));
            g.emit(lsRegShift(signed, size, load, g.data(), rn, rm, shift));
        }
    },
    LOAD_STORE_UNALIGNED {
        @Override
        void emit(Gen g) {
            // LDR/STR/LDRH/STRH/LDRSH at misaligned addresses: allowed on ARMv7-M while CCR.UNALIGN_TRP = 0
            int rn = g.lo();
            int rt = g.lo();
            g.pointInto(rn, g.between(0x100, 0x700) | g.between(1, 3));
            switch (g.nextInt(4)) {
                case 0 -> g.emit(lsImm16(g.coin() ? 2 : 1, g.coin(), rt, rn, g.nextInt(32)));
                case 1 -> g.emit(lsImm12(false, g.coin() ? 2 : 1, g.coin(), g.data(), rn, g.nextInt(0x400)));
                case 2 -> g.emit(lsImm12(true, 1, true, g.data(), rn, g.nextInt(0x400)));
                default -> g.emit(lsImm8(false, 2, g.coin(), g.dataExcept(rn), rn, true, g.coin(), true,
                        g.nextInt(256)));
            }
        }
    },
    LOAD_STORE_DUAL {
        @Override
        void emit(Gen g) {
            boolean load = g.coin();
            int rn = g.data();
            g.pointInto(rn, g.between(0x400, 0xB00) & ~3);
            boolean p;
            boolean w;
            switch (g.nextInt(3)) {
                case 0 -> { p = true; w = false; }
                case 1 -> { p = true; w = true; }
                default -> { p = false; w = true; }
            }
            int rt = w ? g.dataExcept(rn) : g.data();
            int rt2 = w ? g.dataExcept(rn, rt) : load ? g.dataExcept(rt) : g.data();
            g.emit(lsDual(load, rt, rt2, rn, p, g.coin(), w, g.nextInt(64)));
        }
    },
    IT_BLOCK {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                g.emit(dpShiftedReg(13, true, 15, g.data(), g.data(), 0, 0)); // cmp.w: fresh flags
            }
            int cond = g.nextInt(14);
            int count = g.between(1, 4);
            boolean[] thenElse = new boolean[4];
            for (int i = 1; i < 4; i++) {
                thenElse[i] = g.coin();
            }
            // a base register for loads/stores in the body, prepared before the IT
            int base = g.lo();
            g.pointInto(base, g.between(0x100, 0x700) & ~3);
            g.reserve(base);
            g.emit(it(cond, count, thenElse));
            g.setInIt(true);
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                if (last && g.chance(0.2)) {
                    int skip = g.between(0, 3);
                    Gen body = g.body();
                    body.setInIt(false);
                    for (int k = 0; k < skip; k++) {
                        simpleAlu(body);
                    }
                    if (g.coin()) {
                        g.emit(b16(body.bytes() - 2));
                    } else {
                        g.emit(b32(false, body.bytes()));
                    }
                    g.setInIt(false);
                    g.emitAll(body);
                    break;
                }
                switch (g.nextInt(6)) {
                    case 0 -> g.emit(lsImm16(2, g.coin(), g.lo(), base, g.nextInt(32)));
                    case 1 -> g.emit(imm8(1, g.lo(), g.nextInt(256), false)); // cmp sets flags even in IT
                    default -> simpleAlu(g);
                }
            }
            g.setInIt(false);
            g.release(base);
        }
    },
    BRANCH {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                g.emit(dpShiftedReg(13, true, 15, g.data(), g.data(), 0, 0)); // cmp.w: fresh flags
            }
            Gen body = g.body();
            int n = g.between(0, 5);
            for (int i = 0; i < n; i++) {
                simpleAlu(body);
            }
            int cond = g.nextInt(14);
            switch (g.nextInt(5)) {
                case 0, 1 -> g.emit(bCond16(cond, body.bytes() - 2));
                case 2 -> g.emit(bCond32(cond, body.bytes()));
                case 3 -> g.emit(g.coin() ? b16(body.bytes() - 2) : b32(false, body.bytes()));
                default -> g.emit(b32(true, body.bytes())); // BL: LR = return address | 1
            }
            g.emitAll(body);
        }
    },
    COMPARE_AND_BRANCH {
        @Override
        void emit(Gen g) {
            int rn = g.lo();
            if (g.coin()) {
                g.emit(imm8(0, rn, g.chance(0.8) ? 0 : 1, true));
            }
            Gen body = g.body();
            int n = g.between(1, 6);
            for (int i = 0; i < n; i++) {
                simpleAlu(body);
            }
            g.emit(cbz(g.coin(), rn, body.bytes() - 2));
            g.emitAll(body);
        }
    },
    TABLE_BRANCH {
        @Override
        void emit(Gen g) {
            boolean half = g.coin();
            int entries = g.between(1, 8);
            int rm = g.data();
            g.constant(rm, g.nextInt(entries));
            g.reserve(rm);
            Gen tail = g.body();
            int cases = g.between(1, 6);
            int[] starts = new int[cases];
            for (int i = 0; i < cases; i++) {
                starts[i] = tail.bytes();
                simpleAlu(tail);
            }
            g.release(rm);
            int tableBytes = half ? entries * 2 : (entries + 1) & ~1;
            int[] table = new int[tableBytes];
            for (int e = 0; e < entries; e++) {
                int value = (tableBytes + starts[g.nextInt(cases)]) / 2;
                if (half) {
                    table[2 * e] = value & 0xFF;
                    table[2 * e + 1] = value >> 8;
                } else {
                    table[e] = value;
                }
            }
            g.emit(tableBranch(half, 15, rm));
            for (int i = 0; i < tableBytes; i += 2) {
                g.emit(Insn.narrow(table[i] | table[i + 1] << 8, ".byte " + table[i] + ", " + table[i + 1]));
            }
            g.emitAll(tail);
        }
    },
    EXCLUSIVE {
        @Override
        void emit(Gen g) {
            int rn = g.data();
            g.pointInto(rn, g.between(0x100, 0xE00) & ~3);
            g.reserve(rn);
            if (g.chance(0.25)) {
                boolean half = g.coin();
                int rt = g.data();
                g.emit(ldrexNarrow(half, rt, rn));
                simpleAlu(g);
                int rd = g.dataExcept(rt, rn);
                g.emit(strexNarrow(half, rd, g.dataExcept(rd), rn));
                g.release(rn);
                return;
            }
            int imm8 = g.nextInt(64);
            int rt = g.data();
            switch (g.nextInt(3)) {
                case 0 -> { // LDREX ... STREX succeeds, a second STREX fails
                    g.emit(ldrex(rt, rn, imm8));
                    simpleAlu(g);
                    int rd = g.dataExcept(rn);
                    int rt2 = g.dataExcept(rd);
                    g.emit(strex(rd, rt2, rn, imm8));
                    int rd2 = g.dataExcept(rn);
                    g.emit(strex(rd2, g.dataExcept(rd2), rn, imm8));
                }
                case 1 -> { // LDREX, CLREX, STREX fails
                    g.emit(ldrex(rt, rn, imm8));
                    g.emit(clrex());
                    int rd = g.dataExcept(rn);
                    g.emit(strex(rd, g.dataExcept(rd), rn, imm8));
                }
                default -> { // STREX with an open monitor fails
                    g.emit(clrex());
                    int rd = g.dataExcept(rn);
                    g.emit(strex(rd, g.dataExcept(rd), rn, imm8));
                }
            }
            g.release(rn);
        }
    },
    INTERWORKING_BRANCH {
        @Override
        void emit(Gen g) {
            // needs absolute addresses: only ever emitted at the top level of a stream (g.bytes() = offset)
            int start = InstructionStream.CODE_BASE + g.bytes();
            Gen body = g.body();
            int n = g.between(1, 4);
            for (int i = 0; i < n; i++) {
                simpleAlu(body);
            }
            int kind = g.nextInt(7);
            int reg = kind >= 3 && kind <= 5 ? g.between(1, 7) : g.data();
            int before = switch (kind) {
                case 0, 1, 2 -> 10;
                case 3 -> 12;
                case 6 -> 6;
                default -> 14;
            };
            int target = start + before + body.bytes();
            if (kind == 6) {
                g.constant(reg, body.bytes() - 2); // ADD PC, Rm: PC reads as its address + 4
            } else {
                int value = kind == 2 ? target | g.nextInt(2) : target | 1; // MOV PC ignores bit 0
                g.emit(movwt(false, reg, value & 0xFFFF));
                g.emit(movwt(true, reg, value >>> 16));
            }
            int low = reg > 0 ? g.nextInt(reg) : 0; // a lower register pushed below the target address
            switch (kind) {
                case 0 -> g.emit(bx(false, reg));
                case 1 -> g.emit(bx(true, reg));
                case 2, 6 -> g.emit(hiReg(kind == 2 ? 2 : 0, 15, reg));
                case 3 -> {
                    g.emit(push16(1 << low | 1 << reg, false));
                    g.emit(pop16(1 << g.lo(), true));
                }
                case 4 -> {
                    g.emit(push16(1 << reg, false));
                    g.emit(lsImm8(false, 2, true, 15, 13, false, true, true, 4)); // ldr.w pc, [sp], #4
                }
                default -> {
                    g.emit(push16(1 << low | 1 << reg, false));
                    int into = g.dataExcept(14);
                    g.emit(lsMultiple(true, false, 13, true, 1 << into | 1 << 15)); // ldmia.w sp!, {rX, pc}
                }
            }
            g.emitAll(body);
        }
    },
    TABLE_BRANCH_RAM {
        @Override
        void emit(Gen g) {
            // TBB/TBH with the table in RAM, written by the stream itself
            boolean half = g.coin();
            int entries = g.between(1, 6);
            int rn = g.data();
            int rm = g.dataExcept(rn);
            int tmp = g.dataExcept(rn, rm);
            Gen tail = g.body();
            int cases = g.between(1, 6);
            int[] starts = new int[cases];
            for (int i = 0; i < cases; i++) {
                starts[i] = tail.bytes();
                simpleAlu(tail);
            }
            g.pointInto(rn, g.between(0x100, 0xE00) & ~3);
            g.reserve(rn);
            for (int e = 0; e < entries; e++) {
                g.constant(tmp, starts[g.nextInt(cases)] / 2);
                g.emit(lsImm12(false, half ? 1 : 0, false, tmp, rn, half ? 2 * e : e));
            }
            g.constant(rm, g.nextInt(entries));
            g.emit(tableBranch(half, rn, rm));
            g.release(rn);
            g.emitAll(tail);
        }
    },
    SYSTEM_REGISTERS {
        @Override
        void emit(Gen g) {
            // PRIMASK, FAULTMASK, BASEPRI (4 priority bits on STM32: multiples of 0x10), CPS; read back by MRS
            int rn = g.data();
            int sysm;
            switch (g.nextInt(4)) {
                case 0 -> {
                    sysm = g.coin() ? 16 : 19;
                    g.emit(msr(sysm, rn));
                }
                case 1 -> {
                    sysm = g.coin() ? 17 : 18;
                    g.constant(rn, g.nextInt(16) << 4);
                    g.emit(msr(sysm, rn));
                }
                case 2 -> {
                    boolean f = g.coin();
                    sysm = f ? 19 : 16;
                    g.emit(cps(g.coin(), f));
                }
                default -> sysm = g.between(16, 19);
            }
            g.emit(mrs(g.data(), sysm == 18 ? 17 : sysm));
        }
    },
    STATUS_REGISTER {
        @Override
        void emit(Gen g) {
            int[] readable = {0, 1, 2, 3, 5, 6, 7, 8, 16, 20};
            if (g.coin()) {
                g.emit(msrApsr(g.data(), g.nextInt(4)));
            } else {
                g.emit(mrs(g.data(), readable[g.nextInt(readable.length)]));
            }
        }
    },
    DSP_PARALLEL {
        @Override
        void emit(Gen g) {
            int[] ops = {0, 1, 2, 4, 5, 6};
            int[] prefixes = {0, 1, 2, 4, 5, 6};
            g.emit(parallel(ops[g.nextInt(ops.length)], prefixes[g.nextInt(prefixes.length)], g.data(), g.data(),
                    g.data()));
            if (g.chance(0.3)) {
                g.emit(sel(g.data(), g.data(), g.data())); // SEL reads the GE flags just set
            }
        }

        @Override
        boolean needsDsp() {
            return true;
        }
    },
    DSP_SATURATING {
        @Override
        void emit(Gen g) {
            switch (g.nextInt(4)) {
                case 0, 1 -> g.emit(saturatingArith(g.nextInt(4), g.data(), g.data(), g.data()));
                case 2 -> {
                    boolean unsigned = g.coin();
                    g.emit(saturate16(unsigned, g.data(), unsigned ? g.nextInt(16) : g.between(1, 16), g.data()));
                }
                default -> {
                    int rn = g.data();
                    g.emit(g.coin() ? mrs(g.data(), 0) : Insn.wide(0xF380 | rn, 0x8C00, "msr apsr_nzcvqg, " + r(rn)));
                }
            }
        }

        @Override
        boolean needsDsp() {
            return true;
        }
    },
    DSP_MULTIPLY {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                int op1 = g.between(1, 7);
                int sub = op1 == 1 ? g.nextInt(4) : g.nextInt(2);
                if (op1 == 7) {
                    sub = 0;
                }
                int ra = op1 == 6 || g.coin() ? g.data() : 15;
                g.emit(dspMultiply(op1, sub, g.data(), g.data(), g.data(), ra));
            } else {
                int kind = g.nextInt(4);
                int lo = g.data();
                int hi = g.dataExcept(lo);
                g.emit(dspLongMultiply(kind, kind == 0 ? g.nextInt(4) : kind == 3 ? 0 : g.nextInt(2), lo, hi,
                        g.data(), g.data()));
            }
        }

        @Override
        boolean needsDsp() {
            return true;
        }
    },
    DSP_PACK_EXTEND {
        @Override
        void emit(Gen g) {
            if (g.coin()) {
                g.emit(pack(g.coin(), g.data(), g.data(), g.data(), g.nextInt(32)));
            } else {
                int op = g.nextInt(6);
                g.emit(extendAdd(op, g.data(), op >= 2 && op <= 3 && g.coin() ? 15 : g.data(), g.data(),
                        g.nextInt(4)));
            }
        }

        @Override
        boolean needsDsp() {
            return true;
        }
    },
    FP_ARITHMETIC {
        @Override
        void emit(Gen g) {
            fpPrologue(g);
            if (g.chance(0.15)) {
                roundingTie(g);
                return;
            }
            if (g.chance(0.25)) {
                loadFloat(g, g.nextInt(32));
            }
            double p = g.rnd.nextDouble();
            if (p < 0.7) {
                int which;
                do {
                    which = g.nextInt(FpThumb.ARITHMETIC.length);
                } while (which == 9);
                g.emit(FpThumb.arithmetic(which, g.nextInt(32), g.nextInt(32), g.nextInt(32)));
            } else if (p < 0.92) {
                g.emit(FpThumb.unary(g.nextInt(4), g.nextInt(32), g.nextInt(32)));
            } else if (p < 0.97) {
                g.emit(FpThumb.movImmediate(g.nextInt(32), g.nextInt(256)));
            } else {
                g.emit(FpThumb.vmrs(g.data()));
            }
        }

        @Override
        boolean needsFpu() {
            return true;
        }
    },
    FP_CONVERT_COMPARE {
        @Override
        void emit(Gen g) {
            fpPrologue(g);
            int d = g.nextInt(32);
            int m = g.nextInt(32);
            switch (g.nextInt(7)) {
                case 0 -> {
                    loadFloat(g, m);
                    g.emit(FpThumb.floatToInt(g.coin(), g.coin(), d, m));
                }
                case 1 -> {
                    loadInt(g, m);
                    g.emit(FpThumb.intToFloat(g.coin(), d, m));
                }
                case 2 -> {
                    boolean toFixed = g.coin();
                    if (toFixed) {
                        loadFloat(g, d);
                    } else {
                        loadInt(g, d);
                    }
                    int size = g.coin() ? 16 : 32;
                    g.emit(FpThumb.fixed(toFixed, g.coin(), size, g.nextInt(size + 1), d));
                }
                case 3 -> g.emit(FpThumb.half(g.coin(), g.coin(), d, m));
                case 4 -> {
                    g.emit(g.coin() ? FpThumb.compare(g.coin(), d, m) : FpThumb.compareZero(g.coin(), d));
                    g.emit(FpThumb.vmrs(g.chance(0.8) ? 15 : g.data()));
                }
                default -> {
                    // compare, flags to APSR, then floating-point instructions conditional on them
                    g.emit(FpThumb.compare(g.coin(), d, m));
                    g.emit(FpThumb.vmrs(15));
                    int count = g.between(1, 4);
                    boolean[] thenElse = new boolean[count];
                    for (int i = 0; i < count; i++) {
                        thenElse[i] = i == 0 || g.coin();
                    }
                    g.emit(Thumb.it(g.nextInt(14), count, thenElse));
                    g.setInIt(true);
                    for (int i = 0; i < count; i++) {
                        if (g.coin()) {
                            g.emit(FpThumb.arithmetic(g.coin() ? 6 : 4, g.nextInt(32), g.nextInt(32), g.nextInt(32)));
                        } else {
                            g.emit(FpThumb.unary(g.nextInt(3), g.nextInt(32), g.nextInt(32)));
                        }
                    }
                    g.setInIt(false);
                }
            }
        }

        @Override
        boolean needsFpu() {
            return true;
        }
    },
    FP_LOAD_STORE_TRANSFER {
        @Override
        void emit(Gen g) {
            fpPrologue(g);
            switch (g.nextInt(8)) {
                case 0 -> {
                    boolean dbl = g.coin();
                    int rn = g.chance(0.1) ? 15 : g.data();
                    if (rn != 15) {
                        g.pointInto(rn, g.between(0x200, 0x600) & ~3);
                    }
                    boolean load = rn == 15 || g.coin();
                    boolean add = rn == 15 || g.coin(); // PC-relative forward only: the vector table is below
                    g.emit(FpThumb.loadStore(load, dbl, g.nextInt(dbl ? 16 : 32), rn, add, g.nextInt(128)));
                }
                case 1 -> {
                    boolean dbl = g.coin();
                    int count = g.between(1, dbl ? 4 : 8);
                    int first = g.nextInt((dbl ? 16 : 32) - count + 1);
                    int rn = g.data();
                    g.pointInto(rn, g.between(0x200, 0x600) & ~3);
                    boolean decrementBefore = g.coin();
                    g.emit(FpThumb.multiple(g.coin(), decrementBefore, decrementBefore || g.coin(), dbl, first, count,
                            rn));
                }
                case 2 -> {
                    boolean dbl = g.coin();
                    int count = g.between(1, dbl ? 4 : 8);
                    g.emit(FpThumb.multiple(false, true, true, dbl, g.nextInt((dbl ? 16 : 32) - count + 1), count, 13));
                    if (g.coin()) {
                        FP_ARITHMETIC.emit(g);
                    }
                    g.emit(FpThumb.multiple(true, false, true, dbl, g.nextInt((dbl ? 16 : 32) - count + 1), count, 13));
                }
                case 3 -> g.emit(FpThumb.moveCore(g.coin(), g.data(), g.nextInt(32)));
                case 4 -> {
                    boolean toCore = g.coin();
                    int rt = g.data();
                    int rt2 = toCore ? g.dataExcept(rt) : g.data();
                    g.emit(g.coin() ? FpThumb.moveTwo(toCore, rt, rt2, g.nextInt(31))
                            : FpThumb.moveDouble(toCore, rt, rt2, g.nextInt(16)));
                }
                case 5 -> g.emit(FpThumb.moveScalar(g.coin(), g.data(), g.nextInt(16), g.nextInt(2)));
                case 6 -> g.emit(g.coin() ? FpThumb.vmrs(g.data()) : FpThumb.vmsr(g.data()));
                default -> FP_ARITHMETIC.emit(g);
            }
        }

        @Override
        boolean needsFpu() {
            return true;
        }
    };

    abstract void emit(Gen g);

    /** True for the DSP extension: run on the Cortex-M4 model only, GE flags compared. */
    boolean needsDsp() {
        return needsFpu();
    }

    /** True for the floating-point classes: Cortex-M4(F) model, S0..S31, FPSCR and CONTROL.FPCA compared too. */
    boolean needsFpu() {
        return false;
    }

    /**
     * At the start of half the streams, and now and then: VMSR with random NZCV, RMode, FZ, DN, AHP and flags.
     * A stream that starts without it shows the first instruction replacing the modes with FPDSCR's.
     */
    static void fpPrologue(Gen g) {
        if (!(g.out.isEmpty() ? g.coin() : g.chance(0.06))) {
            return;
        }
        int value = g.rnd.nextInt() & 0xF000_009F;
        value |= g.nextInt(4) << 22;
        value |= g.chance(0.3) ? 1 << 24 : 0;
        value |= g.chance(0.3) ? 1 << 25 : 0;
        value |= g.chance(0.2) ? 1 << 26 : 0;
        int rt = g.data();
        g.emit(Thumb.movwt(false, rt, value & 0xFFFF));
        g.emit(Thumb.movwt(true, rt, value >>> 16));
        g.emit(FpThumb.vmsr(rt));
    }

    /**
     * A sum whose exact value lies halfway (or a quarter, three quarters) between two floats: a random float and
     * a small multiple of half its last place, added, subtracted or fused-multiply-added with 1.0; the rounding
     * mode decides the result.
     */
    static void roundingTie(Gen g) {
        int exponent = g.between(25, 254);
        int a = (g.coin() ? 0x8000_0000 : 0) | exponent << 23 | g.nextInt(1 << 23);
        int fractionOfUlp = g.between(-2, 1); // 2^-2 .. 2^1 times half an ulp of a
        int b = (g.coin() ? 0x8000_0000 : 0) | (exponent - 24 + fractionOfUlp) << 23 | (g.coin() ? 0x40_0000 : 0);
        int sa = g.nextInt(32);
        int sb = g.nextInt(32);
        loadBits(g, sa, a);
        loadBits(g, sb, b);
        switch (g.nextInt(3)) {
            case 0 -> g.emit(FpThumb.arithmetic(g.coin() ? 6 : 7, g.nextInt(32), sa, sb));
            case 1 -> g.emit(FpThumb.arithmetic(g.coin() ? 0 : 1, sb, sa, sb)); // VMLA/VMLS: b + a * b
            default -> {
                int one = sa == 0 ? 1 : 0;
                if (one != sb) {
                    g.emit(FpThumb.movImmediate(one, 0x70)); // 1.0
                    g.emit(FpThumb.arithmetic(g.coin() ? 12 : 13, sb, sa, one)); // VFMA/VFMS: b + a * 1.0
                }
            }
        }
    }

    /** Sd = an interesting float, through a core register. */
    static void loadFloat(Gen g, int sd) {
        loadBits(g, sd, FpThumb.interestingFloat(g.rnd));
    }

    /** Sd = an interesting integer, through a core register. */
    static void loadInt(Gen g, int sd) {
        loadBits(g, sd, g.chance(0.3) ? FpThumb.interestingFloat(g.rnd) : Gen.interesting(g.rnd));
    }

    private static void loadBits(Gen g, int sd, int bits) {
        int rt = g.data();
        g.emit(Thumb.movwt(false, rt, bits & 0xFFFF));
        g.emit(Thumb.movwt(true, rt, bits >>> 16));
        g.emit(FpThumb.moveCore(false, rt, sd));
    }

    String id() {
        return name().toLowerCase().replace('_', '-');
    }

    /** One random register-only ALU instruction (16- or 32-bit): the filler of branch and IT bodies. */
    static void simpleAlu(Gen g) {
        InstructionClass[] fillers = {SHIFT_IMM_16, ADD_SUB_MOV_CMP_16, DATA_PROCESSING_16, DP_MODIFIED_IMM_32,
            DP_PLAIN_IMM_32, DP_SHIFTED_REG_32, BIT_FIELD, MULTIPLY, EXTEND, BIT_OPERATIONS};
        fillers[g.nextInt(fillers.length)].emit(g);
    }
}
