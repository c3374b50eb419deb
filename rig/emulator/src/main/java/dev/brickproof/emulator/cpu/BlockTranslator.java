package dev.brickproof.emulator.cpu;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles hot straight runs of register-only instructions (data processing, shifts, moves, multiplies, extends,
 * bit-field and bit operations: no memory access, no branch, nothing that can fault) into JVM methods, so that
 * HotSpot turns them into host code with no per-instruction dispatch.
 *
 * <p>The generated method calls, for each instruction in turn, the very {@link CortexM} method the interpreter's
 * dispatch calls for that kind, with the encoding (and pre-decoded operand) as constants; HotSpot inlines the
 * calls and folds the constant register numbers. There is no second copy of any instruction's semantics, so a
 * translated run and the interpreter cannot disagree (the translation tests check this against the interpreter
 * and Unicorn anyway). Instructions that may read r15 get the interpreter's {@code r[15] = address + 4} first.
 *
 * <p>The class is a hidden class and a nest-mate of {@link CortexM} (it reaches its private members); once no
 * core refers to it, it is unloaded. Compiled runs are kept by address and encodings, so a core whose decoded
 * code was dropped (restore, reset of the boot alias, flash reprogrammed with the same code) finds them again.
 */
final class BlockTranslator {
    /** Longest run compiled as one method (HotSpot compiles a method of this size readily and inlines its calls). */
    static final int MAX_INSTRUCTIONS = 64;
    /** Shorter runs are not worth a method call: they stay interpreted. */
    static final int MIN_INSTRUCTIONS = 3;
    private static final int KEPT = 4096;
    /**
     * Most register-only instructions in one segment method. HotSpot stops inlining into one compiled method
     * past a bytecode budget (DesiredMethodLimit, 8000 bytes counted over every inlined callee, not a product
     * flag); a run of 64 instructions passes it and its last calls stay real calls. A segment this long stays
     * well under it (the largest instruction method with its callees is about 350 bytes), so every instruction
     * is inlined into its segment, and segments that the run's own compilation cannot inline are compiled on
     * their own.
     */
    static final int SEGMENT = 16;

    private static final String CORE = "dev/brickproof/emulator/cpu/CortexM";
    private static final String BODY = "dev/brickproof/emulator/cpu/TranslatedBlock$Body";
    private static final String NAME = "dev/brickproof/emulator/cpu/TranslatedRun";

    /**
     * How a kind is called: no call (a hint), (raw), (raw, aux), (raw, constant), (raw, constant, boolean
     * constant), (raw, boolean constant), (aux), or a conditional branch (condition, aux).
     */
    private static final int NONE = 0, RAW = 1, RAW_AUX = 2, RAW_CONST = 3, HINT = 4, RAW_CONST_FLAG = 5,
            RAW_FLAG = 6, AUX = 7, CONDITIONAL = 8;
    private static final int[] SHAPE = new int[256];
    private static final String[] METHOD = new String[256];
    private static final int[] CONSTANT = new int[256];
    private static final boolean[] FLAG = new boolean[256];
    /** Kinds that access memory: the run brings cycles, instructions and pc up to date before each of them. */
    private static final boolean[] MEMORY = new boolean[256];
    /** Kinds that may write the PC: each is the last instruction of its run. */
    private static final boolean[] BRANCH = new boolean[256];

    static {
        // loads and stores (never with r15 as the transfer register: see accepts)
        memory(Op.LDR_LIT, "ldrLiteral16", RAW, 0, false);
        memory(Op.STR_R, "strReg16", RAW_CONST, 2, false);
        memory(Op.STRH_R, "strReg16", RAW_CONST, 1, false);
        memory(Op.STRB_R, "strReg16", RAW_CONST, 0, false);
        memory(Op.LDRSB_R, "ldrReg16", RAW_CONST_FLAG, 0, true);
        memory(Op.LDR_R, "ldrReg16", RAW_CONST_FLAG, 2, false);
        memory(Op.LDRH_R, "ldrReg16", RAW_CONST_FLAG, 1, false);
        memory(Op.LDRB_R, "ldrReg16", RAW_CONST_FLAG, 0, false);
        memory(Op.LDRSH_R, "ldrReg16", RAW_CONST_FLAG, 1, true);
        memory(Op.STR_I, "strImm5", RAW, 0, false);
        memory(Op.LDR_I, "ldrImm5", RAW, 0, false);
        memory(Op.STRB_I, "strbImm5", RAW, 0, false);
        memory(Op.LDRB_I, "ldrbImm5", RAW, 0, false);
        memory(Op.STRH_I, "strhImm5", RAW, 0, false);
        memory(Op.LDRH_I, "ldrhImm5", RAW, 0, false);
        memory(Op.STR_SP, "strSp", RAW, 0, false);
        memory(Op.LDR_SP, "ldrSp", RAW, 0, false);
        memory(Op.LDST_IMM8, "loadStoreImm8", RAW, 0, false);
        memory(Op.LDST_REG, "loadStoreReg", RAW, 0, false);
        memory(Op.LDST_LIT, "loadLiteral32", RAW, 0, false);
        memory(Op.LDR_IMM12, "ldrImm12", RAW, 0, false);
        memory(Op.LDRB_IMM12, "ldrbImm12", RAW, 0, false);
        memory(Op.LDRH_IMM12, "ldrhImm12", RAW, 0, false);
        memory(Op.STR_IMM12, "strImm12", RAW_CONST, 2, false);
        memory(Op.STRB_IMM12, "strImm12", RAW_CONST, 0, false);
        memory(Op.STRH_IMM12, "strImm12", RAW_CONST, 1, false);
        // branches (the last instruction of a run)
        branch(Op.BCOND16, "bcond", CONDITIONAL, false);
        branch(Op.BCOND32, "bcond", CONDITIONAL, false);
        branch(Op.B16, "branch", AUX, false);
        branch(Op.B32, "branch", AUX, false);
        branch(Op.CBZ, "cbz", RAW_FLAG, true);
        branch(Op.CBNZ, "cbz", RAW_FLAG, false);

        raw(Op.LSL_I, "lslImm");
        raw(Op.LSR_I, "lsrImm");
        raw(Op.ASR_I, "asrImm");
        raw(Op.ADD_R3, "addReg3");
        raw(Op.SUB_R3, "subReg3");
        raw(Op.ADD_I3, "addImm3");
        raw(Op.SUB_I3, "subImm3");
        raw(Op.MOV_I8, "movImm8");
        raw(Op.CMP_I8, "cmpImm8");
        raw(Op.ADD_I8, "addImm8");
        raw(Op.SUB_I8, "subImm8");
        raw(Op.AND, "and16");
        raw(Op.EOR, "eor16");
        constant(Op.LSL_R, "shift16", 0);
        constant(Op.LSR_R, "shift16", 1);
        constant(Op.ASR_R, "shift16", 2);
        constant(Op.ROR_R, "shift16", 3);
        raw(Op.ADC, "adc16");
        raw(Op.SBC, "sbc16");
        raw(Op.TST, "tst16");
        raw(Op.RSB0, "rsb16");
        raw(Op.CMP_R, "cmp16");
        raw(Op.CMN, "cmn16");
        raw(Op.ORR, "orr16");
        raw(Op.MUL, "mul16");
        raw(Op.BIC, "bic16");
        raw(Op.MVN, "mvn16");
        raw(Op.ADD_HI, "addHi");
        raw(Op.CMP_HI, "cmpHi");
        raw(Op.MOV_HI, "movHi");
        raw(Op.MOVS_R, "movsReg");
        constant(Op.SXTH, "extend16", 0);
        constant(Op.SXTB, "extend16", 1);
        constant(Op.UXTH, "extend16", 2);
        constant(Op.UXTB, "extend16", 3);
        constant(Op.REV, "rev16bit", 0);
        constant(Op.REV16, "rev16bit", 1);
        constant(Op.REVSH, "rev16bit", 3);
        raw(Op.ADD_SP_I8, "addSpImm8");
        raw(Op.ADD_SP7, "addSp7");
        raw(Op.SUB_SP7, "subSp7");
        SHAPE[Op.NOP] = HINT;
        SHAPE[Op.YIELD] = HINT;

        withAux(Op.MOVW, "movw");
        withAux(Op.MOVT, "movt");
        withAux(Op.MI_BASE, "miAnd");
        withAux(Op.MI_BASE + 1, "miBic");
        withAux(Op.MI_BASE + 2, "miOrr");
        withAux(Op.MI_BASE + 3, "miOrn");
        withAux(Op.MI_BASE + 4, "miEor");
        withAux(Op.MI_BASE + 8, "add32");
        withAux(Op.MI_BASE + 10, "adc32");
        withAux(Op.MI_BASE + 11, "miSbc");
        withAux(Op.MI_BASE + 13, "miSub");
        withAux(Op.MI_BASE + 14, "miRsb");
        withAux(Op.MI_TST, "miTst");
        withAux(Op.MI_TEQ, "miTeq");
        withAux(Op.MI_CMN, "miCmn");
        withAux(Op.MI_CMP, "miCmp");
        withAux(Op.MI_MOV, "miMov");
        withAux(Op.MI_MVN, "miMvn");
        raw(Op.SR_BASE, "srAnd");
        raw(Op.SR_BASE + 1, "srBic");
        raw(Op.SR_BASE + 2, "srOrr");
        raw(Op.SR_BASE + 3, "srOrn");
        raw(Op.SR_BASE + 4, "srEor");
        raw(Op.SR_BASE + 8, "srAdd");
        raw(Op.SR_BASE + 10, "srAdc");
        raw(Op.SR_BASE + 11, "srSbc");
        raw(Op.SR_BASE + 13, "srSub");
        raw(Op.SR_BASE + 14, "srRsb");
        raw(Op.SR_TST, "srTst");
        raw(Op.SR_TEQ, "srTeq");
        raw(Op.SR_CMN, "srCmn");
        raw(Op.SR_CMP, "srCmp");
        raw(Op.SR_MOV, "srMov");
        raw(Op.SR_MVN, "srMvn");
        withAux(Op.ADDW, "addw");
        withAux(Op.SUBW, "subw");
        raw(Op.SBFX, "sbfx");
        raw(Op.UBFX, "ubfx");
        withAux(Op.BFI, "bfi");
        withAux(Op.BFC, "bfc");
        raw(Op.MUL_W, "mulW");
        raw(Op.MLA, "mla");
        raw(Op.MLS, "mls");
        raw(Op.SXTH_W, "sxthW");
        raw(Op.UXTH_W, "uxthW");
        raw(Op.SXTB_W, "sxtbW");
        raw(Op.UXTB_W, "uxtbW");
        raw(Op.REV_W, "revW");
        raw(Op.REV16_W, "rev16W");
        raw(Op.RBIT, "rbit");
        raw(Op.REVSH_W, "revshW");
        raw(Op.CLZ, "clz");
        for (int type = 0; type < 4; type++) {
            constant(Op.SHIFT_REG_BASE + type, "shift32", type);
        }
    }

    private static void memory(int kind, String method, int shape, int constant, boolean flag) {
        SHAPE[kind] = shape;
        METHOD[kind] = method;
        CONSTANT[kind] = constant;
        FLAG[kind] = flag;
        MEMORY[kind] = true;
    }

    private static void branch(int kind, String method, int shape, boolean flag) {
        SHAPE[kind] = shape;
        METHOD[kind] = method;
        FLAG[kind] = flag;
        BRANCH[kind] = true;
    }

    private static void raw(int kind, String method) {
        SHAPE[kind] = RAW;
        METHOD[kind] = method;
    }

    private static void withAux(int kind, String method) {
        SHAPE[kind] = RAW_AUX;
        METHOD[kind] = method;
    }

    private static void constant(int kind, String method, int value) {
        SHAPE[kind] = RAW_CONST;
        METHOD[kind] = method;
        CONSTANT[kind] = value;
    }

    private final MethodHandles.Lookup core;
    private final Map<RunKey, TranslatedBlock> kept = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<RunKey, TranslatedBlock> eldest) {
            return size() > KEPT;
        }
    };
    private long compiled;

    /** @param core a full-privilege lookup of {@link CortexM}: the generated classes become its nest-mates */
    BlockTranslator(MethodHandles.Lookup core) {
        if (core.lookupClass() != CortexM.class || !core.hasFullPrivilegeAccess()) {
            throw new IllegalArgumentException("needs CortexM's own lookup, got " + core);
        }
        this.core = core;
    }

    /**
     * True when an instruction of this kind and encoding may be part of a translated run: register-only, never
     * writes the PC, never faults (bit-field encodings that are UNDEFINED are left to the interpreter).
     */
    static boolean accepts(int kind, int raw, int aux) {
        if (SHAPE[kind] == NONE) {
            return false;
        }
        switch (kind) {
            case Op.ADD_HI:
            case Op.MOV_HI:
                return ((raw & 7) | ((raw >>> 4) & 8)) != 15;
            case Op.SBFX:
            case Op.UBFX:
                return (((raw >>> 10) & 0x1C) | ((raw >>> 6) & 3)) + (raw & 0x1F) <= 31;
            case Op.BFI:
            case Op.BFC:
                return aux != 0;
            case Op.LDST_IMM8:
            case Op.LDST_REG:
            case Op.LDST_LIT:
            case Op.LDR_IMM12:
            case Op.LDRB_IMM12:
            case Op.LDRH_IMM12:
            case Op.STR_IMM12:
            case Op.STRB_IMM12:
            case Op.STRH_IMM12:
                // a load into the PC is a branch (and r15 as Rt is a hint or UNPREDICTABLE): interpreted
                return ((raw >>> 12) & 15) != 15;
            default:
                return true;
        }
    }

    /** True for the kinds that may change the flow (they end their run). */
    static boolean isBranch(int kind) {
        return BRANCH[kind];
    }

    /** An upper bound of the cycles one instruction of this kind takes in a run. */
    static int maxCycles(int kind) {
        return BRANCH[kind] ? 3 : 2;
    }

    /**
     * True for the kinds after which straight-line code is not expected to continue (unconditional branches,
     * returns, table branches, supervisor calls, sleep): where a scan for further runs to translate stops.
     * Conditional branches and calls do not stop it (the code after them runs when the branch is not taken or
     * the call returns), nor does IT: a run that starts inside an IT block is never entered while ITSTATE is set.
     */
    static boolean endsStraightLine(int kind) {
        switch (kind) {
            case Op.B16: case Op.B32: case Op.BX: case Op.TBB: case Op.TBH: case Op.POP: case Op.LDM16:
            case Op.LDM32: case Op.SVC: case Op.BKPT: case Op.WFI: case Op.WFE: case Op.UDF16: case Op.UDF32:
            case Op.UNDEF16: case Op.UNDEF32:
                return true;
            default:
                return false;
        }
    }

    /** Number of runs compiled so far by this translator (not counting ones found again). */
    long compiled() {
        return compiled;
    }

    /**
     * The run of {@code count} accepted instructions starting at {@code address}, compiled (or found again), or
     * {@link TranslatedBlock#NOT_TRANSLATED} when it is shorter than {@link #MIN_INSTRUCTIONS}.
     */
    TranslatedBlock translate(int address, int[] kinds, int[] raws, int[] auxes, int count) {
        if (count < (count > 0 && BRANCH[kinds[count - 1]] ? 2 : MIN_INSTRUCTIONS)) {
            return TranslatedBlock.NOT_TRANSLATED;
        }
        RunKey key = new RunKey(address, Arrays.copyOf(raws, count));
        TranslatedBlock block = kept.get(key);
        if (block == null) {
            int bytes = 0;
            int maxCycles = 0;
            for (int i = 0; i < count; i++) {
                bytes += Op.isWide(kinds[i]) ? 4 : 2;
                maxCycles += maxCycles(kinds[i]);
            }
            block = new TranslatedBlock(define(address, kinds, raws, auxes, count, maxCycles), count, bytes,
                    maxCycles);
            kept.put(key, block);
            compiled++;
        }
        return block;
    }

    private static final int CPU = 1, LIMIT = 2, USED = 4;

    private TranslatedBlock.Body define(int address, int[] kinds, int[] raws, int[] auxes, int count,
            int maxCycles) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object",
                new String[] {BODY});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "(L" + CORE + ";J)V", null, null);
        run.visitCode();
        Label top = new Label();
        run.visitLabel(top);
        // local USED: cycles used since the core's counter was last brought up to date
        run.visitInsn(Opcodes.ICONST_0);
        run.visitVarInsn(Opcodes.ISTORE, USED);
        int at = address;
        int last = address;
        int counted = 0; // instructions already added to the core's count on this pass
        int segments = 0;
        for (int i = 0; i < count; i++) {
            int kind = kinds[i];
            int raw = raws[i];
            int next = at + (Op.isWide(kind) ? 4 : 2);
            if (MEMORY[kind]) {
                // the interpreter's state before this instruction: exact cycle for the bus, pc for faults
                flush(run, i - counted);
                counted = i;
                setInt(run, "pc", at);
                setInt(run, "nextPc", next);
                storePc(run, at + 4);
                call(run, kind, raw, auxes[i], at);
                run.visitVarInsn(Opcodes.ISTORE, USED);
                Label carryOn = new Label();
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitFieldInsn(Opcodes.GETFIELD, CORE, "attention", "Z");
                run.visitJumpInsn(Opcodes.IFEQ, carryOn);
                // the access asked for attention: stop after it, as the interpreter's loop does
                flush(run, 1);
                setInt(run, "pc", next);
                run.visitInsn(Opcodes.RETURN);
                run.visitLabel(carryOn);
            } else if (BRANCH[kind]) {
                if (i != count - 1) {
                    throw new IllegalArgumentException("branch at 0x" + Integer.toHexString(at)
                            + " is not the last instruction of its run");
                }
                setInt(run, "pc", at);
                setInt(run, "nextPc", next);
                storePc(run, at + 4);
                call(run, kind, raw, auxes[i], at);
                addUsed(run);
                flush(run, count - counted);
                if (target(kind, raw, auxes[i], at) == address) {
                    // a loop on itself: go round again while the next pass fits (the interpreter would enter
                    // this same run again at its start)
                    Label exit = new Label();
                    run.visitVarInsn(Opcodes.ALOAD, CPU);
                    run.visitFieldInsn(Opcodes.GETFIELD, CORE, "nextPc", "I");
                    run.visitLdcInsn(address);
                    run.visitJumpInsn(Opcodes.IF_ICMPNE, exit);
                    run.visitVarInsn(Opcodes.ALOAD, CPU);
                    run.visitFieldInsn(Opcodes.GETFIELD, CORE, "attention", "Z");
                    run.visitJumpInsn(Opcodes.IFNE, exit);
                    run.visitVarInsn(Opcodes.ALOAD, CPU);
                    run.visitFieldInsn(Opcodes.GETFIELD, CORE, "cycles", "J");
                    run.visitLdcInsn((long) maxCycles);
                    run.visitInsn(Opcodes.LADD);
                    run.visitVarInsn(Opcodes.LLOAD, LIMIT);
                    run.visitInsn(Opcodes.LCMP);
                    run.visitJumpInsn(Opcodes.IFGT, exit);
                    run.visitVarInsn(Opcodes.ALOAD, CPU);
                    run.visitFieldInsn(Opcodes.GETFIELD, CORE, "it", "I");
                    run.visitJumpInsn(Opcodes.IFNE, exit);
                    setInt(run, "pc", address);
                    run.visitJumpInsn(Opcodes.GOTO, top);
                    run.visitLabel(exit);
                }
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitFieldInsn(Opcodes.GETFIELD, CORE, "nextPc", "I");
                run.visitFieldInsn(Opcodes.PUTFIELD, CORE, "pc", "I");
                run.visitInsn(Opcodes.RETURN);
                counted = count;
            } else {
                // a stretch of register-only instructions: one segment method of at most SEGMENT of them
                int end = i + 1;
                while (end < count && end - i < SEGMENT && !MEMORY[kinds[end]] && !BRANCH[kinds[end]]) {
                    end++;
                }
                String segment = "segment" + segments++;
                segment(cw, segment, kinds, raws, auxes, i, end, at);
                run.visitVarInsn(Opcodes.ALOAD, 0);
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, NAME, segment, "(L" + CORE + ";)I", false);
                addUsed(run);
                for (; i < end - 1; i++) {
                    at += Op.isWide(kinds[i]) ? 4 : 2;
                }
                next = at + (Op.isWide(kinds[i]) ? 4 : 2);
            }
            last = at;
            at = next;
        }
        if (counted < count || !BRANCH[kinds[count - 1]]) {
            flush(run, count - counted);
            // leave r15 and pc as the interpreter does after the last instruction
            storePc(run, last + 4);
            setInt(run, "pc", at);
            run.visitInsn(Opcodes.RETURN);
        }
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        try {
            MethodHandles.Lookup hidden = core.defineHiddenClass(cw.toByteArray(), false,
                    MethodHandles.Lookup.ClassOption.NESTMATE);
            return (TranslatedBlock.Body) hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("could not compile the run at 0x" + Integer.toHexString(address), e);
        }
    }

    /**
     * Emits {@code int name(CortexM cpu)}: the register-only instructions {@code from} (at {@code address}) to
     * {@code to} (exclusive) in turn; returns the cycles they used.
     */
    private static void segment(ClassWriter cw, String name, int[] kinds, int[] raws, int[] auxes, int from, int to,
            int address) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_FINAL, name, "(L" + CORE + ";)I", null, null);
        mv.visitCode();
        int at = address;
        for (int i = from; i < to; i++) {
            if (readsPc(kinds[i], raws[i])) {
                storePc(mv, at + 4);
            }
            call(mv, kinds[i], raws[i], auxes[i], at);
            if (i > from) {
                mv.visitInsn(Opcodes.IADD);
            }
            at += Op.isWide(kinds[i]) ? 4 : 2;
        }
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes the cycles the instruction uses: calls the interpreter's method for its kind. */
    private static void call(MethodVisitor run, int kind, int raw, int aux, int at) {
        switch (SHAPE[kind]) {
            case HINT:
                run.visitInsn(Opcodes.ICONST_1);
                return;
            case RAW:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(raw);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(I)I", false);
                return;
            case RAW_AUX:
            case RAW_CONST:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(raw);
                run.visitLdcInsn(SHAPE[kind] == RAW_AUX ? aux : CONSTANT[kind]);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(II)I", false);
                return;
            case RAW_CONST_FLAG:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(raw);
                run.visitLdcInsn(CONSTANT[kind]);
                run.visitInsn(FLAG[kind] ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(IIZ)I", false);
                return;
            case RAW_FLAG:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(raw);
                run.visitInsn(FLAG[kind] ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(IZ)I", false);
                return;
            case AUX:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(aux);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(I)I", false);
                return;
            case CONDITIONAL:
                run.visitVarInsn(Opcodes.ALOAD, CPU);
                run.visitLdcInsn(kind == Op.BCOND16 ? raw >>> 8 : raw >>> 22);
                run.visitLdcInsn(aux);
                run.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CORE, METHOD[kind], "(II)I", false);
                return;
            default:
                throw new IllegalArgumentException("kind " + kind + " at 0x" + Integer.toHexString(at)
                        + " is not translatable");
        }
    }

    /** Where a branch goes when taken (the interpreter's own methods decide whether it is). */
    private static int target(int kind, int raw, int aux, int at) {
        if (kind == Op.CBZ || kind == Op.CBNZ) {
            return at + 4 + ((((raw >>> 9) & 1) << 6) | (((raw >>> 3) & 31) << 1));
        }
        return at + 4 + aux;
    }

    private static void addUsed(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ILOAD, USED);
        mv.visitInsn(Opcodes.IADD);
        mv.visitVarInsn(Opcodes.ISTORE, USED);
    }

    /** core.cycles += used; used = 0; core.instructions += n. */
    private static void flush(MethodVisitor mv, int n) {
        mv.visitVarInsn(Opcodes.ALOAD, CPU);
        mv.visitInsn(Opcodes.DUP);
        mv.visitFieldInsn(Opcodes.GETFIELD, CORE, "cycles", "J");
        mv.visitVarInsn(Opcodes.ILOAD, USED);
        mv.visitInsn(Opcodes.I2L);
        mv.visitInsn(Opcodes.LADD);
        mv.visitFieldInsn(Opcodes.PUTFIELD, CORE, "cycles", "J");
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, USED);
        if (n > 0) {
            mv.visitVarInsn(Opcodes.ALOAD, CPU);
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.GETFIELD, CORE, "instructions", "J");
            mv.visitLdcInsn((long) n);
            mv.visitInsn(Opcodes.LADD);
            mv.visitFieldInsn(Opcodes.PUTFIELD, CORE, "instructions", "J");
        }
    }

    private static void setInt(MethodVisitor mv, String field, int value) {
        mv.visitVarInsn(Opcodes.ALOAD, CPU);
        mv.visitLdcInsn(value);
        mv.visitFieldInsn(Opcodes.PUTFIELD, CORE, field, "I");
    }

    private static void storePc(MethodVisitor mv, int value) {
        mv.visitVarInsn(Opcodes.ALOAD, CPU);
        mv.visitFieldInsn(Opcodes.GETFIELD, CORE, "r", "[I");
        mv.visitIntInsn(Opcodes.BIPUSH, 15);
        mv.visitLdcInsn(value);
        mv.visitInsn(Opcodes.IASTORE);
    }

    /** Conservative: true when any register field of the encoding names r15. */
    private static boolean readsPc(int kind, int raw) {
        if (!Op.isWide(kind)) {
            if (kind == Op.ADD_HI || kind == Op.CMP_HI || kind == Op.MOV_HI) {
                return ((raw >>> 3) & 15) == 15 || ((raw & 7) | ((raw >>> 4) & 8)) == 15;
            }
            return false;
        }
        return ((raw >>> 16) & 15) == 15 || ((raw >>> 12) & 15) == 15 || ((raw >>> 8) & 15) == 15
                || (raw & 15) == 15;
    }

    private record RunKey(int address, int[] raws) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RunKey k && k.address == address && Arrays.equals(k.raws, raws);
        }

        @Override
        public int hashCode() {
            return 31 * address + Arrays.hashCode(raws);
        }

        @Override
        public String toString() {
            return "run at 0x" + Integer.toHexString(address) + " of " + raws.length + " instructions";
        }
    }
}
