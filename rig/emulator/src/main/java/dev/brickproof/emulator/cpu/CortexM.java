package dev.brickproof.emulator.cpu;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * A Cortex-M3 (ARMv7-M) or Cortex-M4 (ARMv7E-M, integer DSP extension) core with its System Control Space:
 * NVIC (96 IRQs, 4 implemented priority bits as on STM32), SCB, SysTick and the DWT cycle counter.
 *
 * <p>Instructions are decoded once per half-word of executable memory into a {@link DecodedCodeCache};
 * {@link #invalidateCode} and every store the core itself makes into a page holding decoded code drop
 * stale entries (and the page's translated runs). Hot straight runs of register-only instructions are compiled
 * into JVM methods by {@link BlockTranslator} and entered only where the interpreter would execute every one
 * of their instructions ({@link #setBlockTranslation}). Nothing thrown by the bus or the firmware escapes:
 * faults become architectural exceptions, lock-up becomes {@link CoreState#LOCKED_UP}, an unimplemented
 * encoding becomes {@link CoreState#HALTED}.
 *
 * <h2>Cycle model</h2>
 * Roughly the Cortex-M3 TRM with zero wait-state memory (the board may add flash wait states):
 * <ul>
 *   <li>data processing, MOV/MOVW/MOVT, extend, bit-field, MUL, CLZ/RBIT/REV, IT, hints: 1</li>
 *   <li>single load (LDR/LDRB/LDRH/...): 2; single store: 1; LDRD/STRD: 3; LDM/POP: 1+N; STM/PUSH: 1+N</li>
 *   <li>taken branch (B, BL, BX, BLX, CBZ, TBB/TBH, write to PC): +2 refill (B 3, BL 4, TBB 5);
 *       a load into PC adds 2 more</li>
 *   <li>MLA/MLS and 16x16 DSP multiplies: 2; long multiplies 3..5 (UMULL/SMULL 3 when both operands fit in
 *       16 bits, else 5; accumulating forms 5); UDIV/SDIV 2..12 depending on the quotient's size</li>
 *   <li>exception entry 12, exception return 10 (added to the returning instruction)</li>
 *   <li>an IT-skipped instruction: 1</li>
 * </ul>
 * See {@code rig/emulator/CYCLES.md}.
 *
 * <p>Bit-banding and the boot alias at 0x0000_0000 are the {@link Bus}'s business, not the core's.
 */
public final class CortexM {
    private static final int MEMMANAGE = 4;
    private static final int BUSFAULT = 5;
    private static final int USAGEFAULT = 6;
    private static final int HARDFAULT = 3;
    private static final int NMI = 2;
    private static final int SVCALL = 11;
    private static final int PENDSV = 14;
    private static final int SYSTICK = 15;
    /** CONTROL.FPCA: a floating-point context is active (Cortex-M4F). */
    private static final int CONTROL_FPCA = 4;
    /** Extra cycles when an exception entry stores S0..S15 and FPSCR at once (FPCCR.LSPEN = 0). */
    private static final int EAGER_FP_STACKING_CYCLES = 17;
    /** Cycles per call of the interpreter loop (see {@link #burst}). */
    private static final int SLICE_CYCLES = 2048;
    /** Arrivals at a block head (other than by falling through) before its run is compiled. */
    private static final int TRANSLATE_AFTER = 64;

    private final Bus bus;
    private final boolean dsp;
    private final Nvic nvic = new Nvic(4);
    private final SysTick sysTick;
    private final SystemControlSpace scs;
    /** The FPv4-SP unit of the Cortex-M4F; null on the Cortex-M3. */
    private final FloatingPointUnit fpu;
    private final FpInstructions fpInstructions;
    private final DecodedCodeCache cache = new DecodedCodeCache();
    private final BlockTranslator translator = new BlockTranslator(MethodHandles.lookup());
    private boolean blockTranslation = true;
    private final FaultSignal faultSignal = new FaultSignal();

    // ---- architectural state
    private final int[] r = new int[16];
    private int pc;
    private int nextPc;
    private boolean fn;
    private boolean fz;
    private boolean fc;
    private boolean fv;
    private boolean fq;
    private int ge;
    private int it;
    private boolean tbit = true;
    private int ipsr;
    private int primask;
    private int faultmask;
    private int basepri;
    private int control;
    /** True while r[13] holds the process stack pointer. */
    private boolean onPsp;
    /** The stack pointer not currently in r[13]. */
    private int otherSp;
    private boolean eventRegister;
    private boolean sleepOnWfe;
    private boolean exclusive;
    private int exclusiveAddress;

    // ---- emulator state
    private long cycles;
    private long instructions;
    private CoreState state = CoreState.HALTED;
    private String haltReason = "core not reset yet";
    private boolean attention = true;
    private long timerDeadline = Long.MAX_VALUE;
    private boolean itActive;
    private int itSaved;
    private boolean shiftCarry;
    private int memoKey = -1;
    /** Scratch for unstacking, so an exception return allocates nothing. */
    private final int[] frame = new int[8];
    /** Scratch for unstacking S0..S15 and FPSCR of an extended frame. */
    private final int[] fpFrame = new int[17];
    private int[] memoPage;
    private TranslatedBlock[] memoBlocks;
    /**
     * The address the last interpreted instruction fell through to, kept across interpreter calls: arriving
     * anywhere else (a taken branch, an exception, the end of a translated run) makes a block head. Slice ends
     * are not heads, so the heads, and hence the translated runs, are the same however the time is sliced.
     */
    private int fallThrough = -1;
    private FaultListener faultListener = (kind, at, detail) -> {
    };

    /** Thrown inside an instruction to abandon it after a fault has been pended. Preallocated, no stack trace. */
    static final class FaultSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FaultSignal() {
            super("fault", null, false, false);
        }
    }

    public CortexM(Bus bus, boolean cortexM4) {
        this.bus = bus;
        this.dsp = cortexM4;
        this.sysTick = new SysTick(cortexM4 ? 10_000 : 9_000);
        this.fpu = cortexM4 ? new FloatingPointUnit() : null;
        this.fpInstructions = cortexM4 ? new FpInstructions(this, r, fpu) : null;
        this.scs = new SystemControlSpace(this, nvic, sysTick, cortexM4, fpu);
        scs.reset();
    }

    // =====================================================================================================
    // Public API
    // =====================================================================================================

    /**
     * Core and SCS reset, then MSP from word 0 and PC from word 1 of the (aliased) boot memory; a failing
     * vector fetch locks the core up. The cycle and instruction counters keep counting across resets (they are
     * the board's clock); DWT_CYCCNT restarts at 0. Decoded code of the boot alias region is dropped.
     */
    public void reset() {
        nvic.reset();
        sysTick.reset();
        scs.reset();
        scs.regs.cyccntAnchor = cycles;
        cache.invalidateRegion(0);
        memoKey = -1;
        Arrays.fill(r, 0);
        fn = fz = fc = fv = fq = false;
        ge = 0;
        it = 0;
        itActive = false;
        ipsr = 0;
        primask = faultmask = basepri = control = 0;
        if (fpu != null) {
            fpu.reset();
        }
        onPsp = false;
        otherSp = 0;
        eventRegister = false;
        sleepOnWfe = false;
        exclusive = false;
        state = CoreState.RUNNING;
        haltReason = null;
        attention = true;
        timerDeadline = sysTick.nextFireCycle();
        r[14] = 0xFFFF_FFFF;
        int sp;
        int entry;
        try {
            sp = bus.read32(0);
            entry = bus.read32(4);
        } catch (BusFault f) {
            pc = 0;
            lockup("reset vector fetch failed at 0x" + hex(f.address()) + ": " + f.getMessage());
            return;
        }
        r[13] = sp & ~3;
        tbit = (entry & 1) != 0;
        pc = entry & ~1;
    }

    /** Executes one instruction or one exception entry; returns the cycles used (0 when not running). */
    public int step() {
        long before = cycles;
        if (state == CoreState.SLEEPING && wakeCondition()) {
            state = CoreState.RUNNING;
        }
        if (state != CoreState.RUNNING) {
            return 0;
        }
        try {
            if (attention) {
                serviceAttention();
                if (cycles != before || state != CoreState.RUNNING) {
                    return (int) (cycles - before);
                }
            }
            interpret(cycles + 1);
        } catch (FaultSignal s) {
            abandonInstruction();
        } catch (BusFault f) {
            abandonInstruction();
            dataBusFault(f);
        } catch (RuntimeException e) {
            internalError(e);
        }
        if (cycles >= timerDeadline) {
            catchUpTimers();
        }
        return (int) (cycles - before);
    }

    /** Runs until at least {@code maxCycles} have been used or the core stops running; returns cycles used. */
    public long run(long maxCycles) {
        long start = cycles;
        long end = maxCycles > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + maxCycles;
        if (state == CoreState.SLEEPING && wakeCondition()) {
            state = CoreState.RUNNING;
        }
        while (state == CoreState.RUNNING && cycles < end) {
            try {
                burst(end);
            } catch (FaultSignal s) {
                abandonInstruction();
            } catch (BusFault f) {
                abandonInstruction();
                dataBusFault(f);
            } catch (RuntimeException e) {
                internalError(e);
            }
        }
        return cycles - start;
    }

    public CoreState state() {
        return state;
    }

    public String haltReason() {
        return haltReason;
    }

    public void setIrqPending(int irq) {
        if (irq < 0 || irq >= Nvic.IRQ_COUNT) {
            return;
        }
        pend(16 + irq);
    }

    public void setNmiPending() {
        pend(NMI);
        faultListener.fault("nmi", pc, "NMI input asserted");
    }

    private void pend(int exception) {
        if (!nvic.pending[exception] && (scs.regs.scr & SystemControlSpace.SEVONPEND) != 0) {
            eventRegister = true;
        }
        nvic.pending[exception] = true;
        attention = true;
        if (state == CoreState.SLEEPING && wakeCondition()) {
            state = CoreState.RUNNING;
        }
    }

    /** True once after AIRCR.SYSRESETREQ (or VECTRESET) was written; clears the latch. */
    public boolean takeSystemResetRequest() {
        boolean requested = scs.regs.resetRequested;
        scs.regs.resetRequested = false;
        return requested;
    }

    /** Cycles until the SysTick will next raise its exception, {@link Long#MAX_VALUE} if it will not. */
    public long nextEventInCycles() {
        if (!sysTick.interruptEnabled() || sysTick.nextFireCycle() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, sysTick.nextFireCycle() - cycles);
    }

    /**
     * Cycles until the SysTick counter next wraps (sets COUNTFLAG), interrupt enabled or not; {@link Long#MAX_VALUE}
     * while it is disabled. A fast-forwarded polling loop may be reading COUNTFLAG as its time base.
     */
    public long nextTimerWrapInCycles() {
        if (sysTick.nextFireCycle() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, sysTick.nextFireCycle() - cycles);
    }

    /** Time passes without instructions (sleep or fast-forward): cycle counter, SysTick and DWT advance. */
    public void advanceIdle(long idleCycles) {
        if (idleCycles <= 0) {
            return;
        }
        cycles += idleCycles;
        catchUpTimers();
        if (state == CoreState.SLEEPING && wakeCondition()) {
            state = CoreState.RUNNING;
        }
    }

    /** Memory contents changed behind the core's back: drop decoded instructions for the range (and the boot alias). */
    public void invalidateCode(int address, int length) {
        if ((address >>> 24) == 0) {
            cache.invalidateAll();
        } else {
            cache.invalidate(address, length);
            cache.invalidateRegion(0);
        }
        memoKey = -1;
        attention = true; // an interpreter loop in progress holds the page in a local: make it look again
    }

    /**
     * Compiling hot straight runs of register-only instructions into JVM methods ({@link BlockTranslator}): on
     * by default. A translated run has the interpreter's exact effect (same registers, flags, cycles and
     * instruction count); switching it off is for measuring the interpreter alone or ruling the translator out
     * while chasing an emulator bug.
     */
    public void setBlockTranslation(boolean enabled) {
        if (blockTranslation && !enabled) {
            cache.invalidateAll();
            memoKey = -1;
        }
        blockTranslation = enabled;
    }

    /** Straight runs compiled into JVM methods so far (runs found again after their code was re-decoded are not counted). */
    public long translatedRuns() {
        return translator.compiled();
    }

    public long cycles() {
        return cycles;
    }

    public long instructions() {
        return instructions;
    }

    /** r0..r15; r13 is the current stack pointer, r15 the address of the next instruction to execute. */
    public int reg(int n) {
        return n == 15 ? pc : r[n];
    }

    public void setReg(int n, int value) {
        if (n == 15) {
            pc = value & ~1;
        } else if (n == 13) {
            r[13] = value & ~3;
        } else {
            r[n] = value;
        }
    }

    public int xpsr() {
        return (fn ? 1 << 31 : 0) | (fz ? 1 << 30 : 0) | (fc ? 1 << 29 : 0) | (fv ? 1 << 28 : 0)
                | (fq ? 1 << 27 : 0) | ((it & 3) << 25) | (tbit ? 1 << 24 : 0) | (ge << 16)
                | (((it >>> 2) & 0x3F) << 10) | ipsr;
    }

    public void setXpsr(int v) {
        fn = v < 0;
        fz = (v & (1 << 30)) != 0;
        fc = (v & (1 << 29)) != 0;
        fv = (v & (1 << 28)) != 0;
        fq = (v & (1 << 27)) != 0;
        ge = dsp ? (v >>> 16) & 15 : 0;
        it = ((v >>> 25) & 3) | (((v >>> 10) & 0x3F) << 2);
        tbit = (v & (1 << 24)) != 0;
        ipsr = v & 0x1FF;
        selectStack(ipsr == 0 && (control & 2) != 0);
        attention = true;
    }

    public int msp() {
        return onPsp ? otherSp : r[13];
    }

    public int psp() {
        return onPsp ? r[13] : otherSp;
    }

    public int primask() {
        return primask;
    }

    public int faultmask() {
        return faultmask;
    }

    public int basepri() {
        return basepri;
    }

    public int control() {
        return control;
    }

    /**
     * A word written into the System Control Space as a debugger does over the debug port (privileged, no fault,
     * no cycles): e.g. CPACR before running code that expects SystemInit to have enabled the FPU.
     */
    public void debugWrite32(int address, int value) {
        if (!isPrivatePeripheral(address)) {
            throw new IllegalArgumentException("0x" + hex(address) + " is not in the System Control Space");
        }
        scs.write(address, value, 4);
    }

    /** Single-precision register S{@code n} (0..31) as raw bits; D{@code k} is S{@code 2k} (low) and S{@code 2k+1}. */
    public int fpRegister(int n) {
        requireFpu();
        return fpu.s[n];
    }

    public void setFpRegister(int n, int bits) {
        requireFpu();
        fpu.s[n] = bits;
    }

    /** FPSCR (only the bits the Cortex-M4 implements). */
    public int fpscr() {
        requireFpu();
        return fpu.fpscr();
    }

    public void setFpscr(int value) {
        requireFpu();
        fpu.setFpscr(value);
    }

    private void requireFpu() {
        if (fpu == null) {
            throw new IllegalStateException("this core is a Cortex-M3: it has no floating-point unit");
        }
    }

    public void setFaultListener(FaultListener listener) {
        this.faultListener = listener == null ? (kind, at, detail) -> {
        } : listener;
    }

    /** True while an IT block is in progress (the next instruction is conditional on ITSTATE). */
    public boolean inItBlock() {
        return it != 0;
    }

    /** The CPUID value this core reports at 0xE000_ED00. */
    public int cpuid() {
        return scs.cpuid();
    }

    /** Configurable Fault Status Register (for reports). */
    public int cfsr() {
        return scs.regs.cfsr;
    }

    /** HardFault Status Register (for reports). */
    public int hfsr() {
        return scs.regs.hfsr;
    }

    /** System Control Register (SLEEPONEXIT bit 1, SLEEPDEEP bit 2, SEVONPEND bit 4): lets the board tell Sleep from Stop. */
    public int scr() {
        return scs.regs.scr;
    }

    /** Vector table offset register. */
    public int vtor() {
        return scs.regs.vtor;
    }

    /** True when exception {@code n} (16+IRQn for interrupts) is pending. */
    public boolean isPending(int exception) {
        return nvic.pending[exception];
    }

    /** True when exception {@code n} is active. */
    public boolean isActive(int exception) {
        return nvic.active[exception];
    }

    public CoreSnapshot snapshot() {
        CoreSnapshot s = new CoreSnapshot();
        s.r = r.clone();
        s.pc = pc;
        s.flags = xpsr();
        s.tbit = tbit;
        s.primask = primask;
        s.faultmask = faultmask;
        s.basepri = basepri;
        s.control = control;
        s.onPsp = onPsp;
        s.otherSp = otherSp;
        s.eventRegister = eventRegister;
        s.sleepOnWfe = sleepOnWfe;
        s.exclusive = exclusive;
        s.exclusiveAddress = exclusiveAddress;
        s.cycles = cycles;
        s.instructions = instructions;
        s.state = state;
        s.haltReason = haltReason;
        s.nvic = nvic.copy();
        s.sysTick = sysTick.copy();
        s.scs = scs.regs.copy();
        s.fpu = fpu == null ? null : fpu.save();
        return s;
    }

    public void restore(CoreSnapshot s) {
        System.arraycopy(s.r, 0, r, 0, 16);
        pc = s.pc;
        onPsp = s.onPsp;
        otherSp = s.otherSp;
        control = s.control;
        fn = s.flags < 0;
        fz = (s.flags & (1 << 30)) != 0;
        fc = (s.flags & (1 << 29)) != 0;
        fv = (s.flags & (1 << 28)) != 0;
        fq = (s.flags & (1 << 27)) != 0;
        ge = (s.flags >>> 16) & 15;
        it = ((s.flags >>> 25) & 3) | (((s.flags >>> 10) & 0x3F) << 2);
        ipsr = s.flags & 0x1FF;
        tbit = s.tbit;
        primask = s.primask;
        faultmask = s.faultmask;
        basepri = s.basepri;
        eventRegister = s.eventRegister;
        sleepOnWfe = s.sleepOnWfe;
        exclusive = s.exclusive;
        exclusiveAddress = s.exclusiveAddress;
        cycles = s.cycles;
        instructions = s.instructions;
        state = s.state;
        haltReason = s.haltReason;
        nvic.copyFrom(s.nvic);
        sysTick.copyFrom(s.sysTick);
        scs.regs.copyFrom(s.scs);
        if (fpu != null && s.fpu != null) {
            fpu.restore(s.fpu);
        }
        itActive = false;
        timerDeadline = sysTick.nextFireCycle();
        attention = true;
        cache.invalidateAll();
        memoKey = -1;
    }

    // =====================================================================================================
    // Hooks for the System Control Space
    // =====================================================================================================

    int ipsr() {
        return ipsr;
    }

    void requestAttention() {
        attention = true;
    }

    void catchUpTimers() {
        if (sysTick.catchUp(cycles)) {
            pend(SYSTICK);
        }
        timerDeadline = sysTick.nextFireCycle();
    }

    void timersChanged() {
        timerDeadline = sysTick.nextFireCycle();
        attention = true;
    }

    // =====================================================================================================
    // Run loop
    // =====================================================================================================

    private void burst(long end) {
        while (true) {
            if (attention) {
                serviceAttention();
                if (state != CoreState.RUNNING) {
                    return;
                }
            }
            // Bounded slices: interpret() is then invoked often enough for HotSpot to compile it normally at
            // the top tier early on, instead of running the profiled tier-3 code until an on-stack replacement.
            interpret(Math.min(Math.min(end, timerDeadline), cycles + SLICE_CYCLES));
            if (cycles >= timerDeadline) {
                catchUpTimers();
            }
            if (cycles >= end || state != CoreState.RUNNING) {
                return;
            }
        }
    }

    private void abandonInstruction() {
        if (itActive) {
            it = itSaved;
            itActive = false;
        }
    }

    private int[] pageFor(int address) {
        int top = address >>> 28;
        if (!(top <= 3 || (top >= 6 && top <= 9))) {
            throw fault(MEMMANAGE, SystemControlSpace.IACCVIOL,
                    "instruction fetch from execute-never address 0x" + hex(address));
        }
        int[] page = cache.page(address);
        memoPage = page;
        memoBlocks = cache.blocks(address);
        memoKey = address >>> 12;
        return page;
    }

    /**
     * A block head became hot: compiles the straight runs of translatable instructions from {@code at} on, each
     * run entered in {@code blocks} at its first instruction ({@link TranslatedBlock#NOT_TRANSLATED} at the head
     * when its own run is too short). Runs are at most {@link BlockTranslator#MAX_INSTRUCTIONS} long; the scan
     * steps over other instructions (loads, stores, conditional branches, calls, ...) and stops where
     * {@link BlockTranslator#endsStraightLine} says straight-line code ends, at code not decoded yet (never
     * executed) or at the end of the page.
     */
    private void translateFrom(int[] page, TranslatedBlock[] blocks, int at) {
        int max = BlockTranslator.MAX_INSTRUCTIONS;
        int[] kinds = new int[max];
        int[] raws = new int[max];
        int[] auxes = new int[max];
        int pageEnd = (at | (DecodedCodeCache.PAGE_BYTES - 1)) + 1;
        int start = at;
        int n = 0;
        int a = at;
        while (true) {
            int index = DecodedCodeCache.index(a);
            int kind = a == pageEnd ? Op.NONE : DecodedCodeCache.kind(page, index);
            int size = 2 + ((kind >>> 7) << 1);
            int raw = page[DecodedCodeCache.OPERANDS + 2 * index];
            int aux = page[DecodedCodeCache.OPERANDS + 2 * index + 1];
            boolean accepted = kind != Op.NONE && a + size <= pageEnd && BlockTranslator.accepts(kind, raw, aux);
            if (accepted && n < max) {
                kinds[n] = kind;
                raws[n] = raw;
                auxes[n] = aux;
                n++;
                a += size;
                if (!BlockTranslator.isBranch(kind)) {
                    continue;
                }
                // a branch is always the last instruction of its run
                enter(blocks, at, start, translator.translate(start, kinds, raws, auxes, n));
                if (BlockTranslator.endsStraightLine(kind)) {
                    return;
                }
                start = a;
                n = 0;
                continue;
            }
            enter(blocks, at, start, translator.translate(start, kinds, raws, auxes, n));
            if (accepted) {
                start = a; // the run reached its maximum length: the next one starts here
                n = 0;
                continue;
            }
            if (kind == Op.NONE || a + size > pageEnd || BlockTranslator.endsStraightLine(kind)) {
                return;
            }
            a += size;
            start = a;
            n = 0;
        }
    }

    private static void enter(TranslatedBlock[] blocks, int head, int start, TranslatedBlock run) {
        int startIndex = DecodedCodeCache.index(start);
        if (start == head || (run.body != null && blocks[startIndex] == null)) {
            blocks[startIndex] = run;
        }
    }

    private int decodeInto(int[] page, int address) {
        int kind;
        int raw;
        try {
            int hw1 = bus.fetch16(address) & 0xFFFF;
            if (ThumbDecoder.isWidePrefix(hw1)) {
                int hw2 = bus.fetch16(address + 2) & 0xFFFF;
                raw = (hw1 << 16) | hw2;
                kind = ThumbDecoder.decode32(raw);
            } else {
                raw = hw1;
                kind = ThumbDecoder.decode16(hw1);
            }
        } catch (BusFault f) {
            throw fault(BUSFAULT, SystemControlSpace.IBUSERR,
                    "instruction fetch bus error at 0x" + hex(f.address()) + ": " + f.getMessage());
        }
        DecodedCodeCache.store(page, DecodedCodeCache.index(address), kind, raw, ThumbDecoder.aux(kind, raw));
        return kind;
    }

    private void internalError(RuntimeException e) {
        abandonInstruction();
        halt("emulator error at PC=0x" + hex(pc) + ": " + e);
    }

    // =====================================================================================================
    // Instruction dispatch
    // =====================================================================================================

    /**
     * The interpreter loop: executes instructions until {@code limit} cycles or until something needs the
     * attention of the outer loop (pending exception, state change, timer reprogrammed). The dispatch switch
     * for the frequent kinds lives in this method so the hot path makes no call per instruction; rare kinds
     * go through {@link #executeRare}.
     */
    private void interpret(long limit) {
        final int[] r = this.r;
        int pageKey = memoKey;
        int[] page = memoPage;
        TranslatedBlock[] blocks = memoBlocks;
        int fallThrough = this.fallThrough;
        while (cycles < limit) {
            int at = pc;
            if ((at >>> 12) != pageKey) {
                page = pageFor(at);
                blocks = memoBlocks;
                pageKey = at >>> 12;
                fallThrough = -1; // runs never cross pages: the first instruction reached in a page is a head
            }
            int index = (at & 0xFFF) >>> 1;
            if (it == 0) {
                TranslatedBlock block = blocks[index];
                if (block != null) {
                    if (block.body != null && cycles + block.maxCycles <= limit) {
                        // the run keeps cycles, instructions and pc itself (it may stop early or loop)
                        block.body.run(this, limit);
                        fallThrough = -1;
                        if (attention) {
                            break;
                        }
                        continue;
                    }
                } else if (at != fallThrough && blockTranslation
                        && ++page[DecodedCodeCache.HEAT + index] == TRANSLATE_AFTER) {
                    translateFrom(page, blocks, at);
                    continue;
                }
            }
            int kind = (page[index >>> 2] >>> ((index & 3) << 3)) & 0xFF;
            if (kind == 0) {
                kind = decodeInto(page, at);
            }
            int raw = page[DecodedCodeCache.OPERANDS + 2 * index];
            int aux = page[DecodedCodeCache.OPERANDS + 2 * index + 1];
            r[15] = at + 4;
            int next = at + 2 + ((kind >>> 7) << 1);
            nextPc = next;
            fallThrough = next;
            boolean inIt = it != 0;
            if (inIt) {
                int current = it;
                itSaved = current;
                it = (current & 7) == 0 ? 0 : (current & 0xE0) | ((current << 1) & 0x1F);
                if (!conditionPassed(current >>> 4)) {
                    cycles++;
                    instructions++;
                    pc = nextPc;
                    continue;
                }
                itActive = true;
            }
            int used;
            // A balanced tree of compares over small switches (C2 compiles a switch of fewer than ten cases to
            // compares, not a jump table): with a random instruction mix its conditional branches predict far
            // better than one indirect jump through a 240-entry table (about 2x on the straight-line benchmark).
            if (kind < Op.TBH) {
                if (kind < Op.LDR_R) {
                    if (kind < Op.ROR_R) {
                        if (kind < Op.ADD_I8) {
                            if (kind < Op.SUB_R3) {
                                switch (kind) {
                                    case Op.LSL_I: used = lslImm(raw); break;
                                    case Op.LSR_I: used = lsrImm(raw); break;
                                    case Op.ASR_I: used = asrImm(raw); break;
                                    case Op.ADD_R3: used = addReg3(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.SUB_R3: used = subReg3(raw); break;
                                    case Op.ADD_I3: used = addImm3(raw); break;
                                    case Op.SUB_I3: used = subImm3(raw); break;
                                    case Op.MOV_I8: used = movImm8(raw); break;
                                    case Op.CMP_I8: used = cmpImm8(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.LSL_R) {
                                switch (kind) {
                                    case Op.ADD_I8: used = addImm8(raw); break;
                                    case Op.SUB_I8: used = subImm8(raw); break;
                                    case Op.AND: used = and16(raw); break;
                                    case Op.EOR: used = eor16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.LSL_R: used = shift16(raw, 0); break;
                                    case Op.LSR_R: used = shift16(raw, 1); break;
                                    case Op.ASR_R: used = shift16(raw, 2); break;
                                    case Op.ADC: used = adc16(raw); break;
                                    case Op.SBC: used = sbc16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    } else {
                        if (kind < Op.ADD_HI) {
                            if (kind < Op.CMN) {
                                switch (kind) {
                                    case Op.ROR_R: used = shift16(raw, 3); break;
                                    case Op.TST: used = tst16(raw); break;
                                    case Op.RSB0: used = rsb16(raw); break;
                                    case Op.CMP_R: used = cmp16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.CMN: used = cmn16(raw); break;
                                    case Op.ORR: used = orr16(raw); break;
                                    case Op.MUL: used = mul16(raw); break;
                                    case Op.BIC: used = bic16(raw); break;
                                    case Op.MVN: used = mvn16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.LDR_LIT) {
                                switch (kind) {
                                    case Op.ADD_HI: used = addHi(raw); break;
                                    case Op.CMP_HI: used = cmpHi(raw); break;
                                    case Op.MOV_HI: used = movHi(raw); break;
                                    case Op.BX: used = bx(raw); break;
                                    case Op.BLX: used = blxReg(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.LDR_LIT: used = ldrLiteral16(raw); break;
                                    case Op.STR_R: used = strReg16(raw, 2); break;
                                    case Op.STRH_R: used = strReg16(raw, 1); break;
                                    case Op.STRB_R: used = strReg16(raw, 0); break;
                                    case Op.LDRSB_R: used = ldrReg16(raw, 0, true); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    }
                } else {
                    if (kind < Op.SXTH) {
                        if (kind < Op.LDRH_I) {
                            if (kind < Op.STR_I) {
                                switch (kind) {
                                    case Op.LDR_R: used = ldrReg16(raw, 2, false); break;
                                    case Op.LDRH_R: used = ldrReg16(raw, 1, false); break;
                                    case Op.LDRB_R: used = ldrReg16(raw, 0, false); break;
                                    case Op.LDRSH_R: used = ldrReg16(raw, 1, true); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.STR_I: used = strImm5(raw); break;
                                    case Op.LDR_I: used = ldrImm5(raw); break;
                                    case Op.STRB_I: used = strbImm5(raw); break;
                                    case Op.LDRB_I: used = ldrbImm5(raw); break;
                                    case Op.STRH_I: used = strhImm5(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.ADD_SP_I8) {
                                switch (kind) {
                                    case Op.LDRH_I: used = ldrhImm5(raw); break;
                                    case Op.STR_SP: used = strSp(raw); break;
                                    case Op.LDR_SP: used = ldrSp(raw); break;
                                    case Op.ADR: used = adr16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.ADD_SP_I8: used = addSpImm8(raw); break;
                                    case Op.ADD_SP7: used = addSp7(raw); break;
                                    case Op.SUB_SP7: used = subSp7(raw); break;
                                    case Op.CBZ: used = cbz(raw, true); break;
                                    case Op.CBNZ: used = cbz(raw, false); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    } else {
                        if (kind < Op.IT) {
                            if (kind < Op.PUSH) {
                                switch (kind) {
                                    case Op.SXTH: used = extend16(raw, 0); break;
                                    case Op.SXTB: used = extend16(raw, 1); break;
                                    case Op.UXTH: used = extend16(raw, 2); break;
                                    case Op.UXTB: used = extend16(raw, 3); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.PUSH: used = push16(raw); break;
                                    case Op.REV: used = rev16bit(raw, 0); break;
                                    case Op.REV16: used = rev16bit(raw, 1); break;
                                    case Op.REVSH: used = rev16bit(raw, 3); break;
                                    case Op.POP: used = pop16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.BCOND16) {
                                switch (kind) {
                                    case Op.IT: used = itInstruction(raw); break;
                                    case Op.NOP: case Op.YIELD: used = 1; break;
                                    case Op.STM16: used = stm16(raw); break;
                                    case Op.LDM16: used = ldm16(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.BCOND16: used = bcond(raw >>> 8, aux); break;
                                    case Op.B16: used = branch(aux); break;
                                    case Op.MOVS_R: used = movsReg(raw); break;
                                    case Op.LDM32: used = ldm32(raw); break;
                                    case Op.TBB: used = tableBranch(raw, false); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    }
                }
            } else {
                if (kind < Op.SR_BASE + 14) {
                    if (kind < Op.MI_BASE + 10) {
                        if (kind < Op.LDST_LIT) {
                            if (kind < Op.BCOND32) {
                                switch (kind) {
                                    case Op.TBH: used = tableBranch(raw, true); break;
                                    case Op.LDRD_STRD: used = ldrdStrd(raw); break;
                                    case Op.MOVW: used = movw(raw, aux); break;
                                    case Op.MOVT: used = movt(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.BCOND32: used = bcond(raw >>> 22, aux); break;
                                    case Op.B32: used = branch(aux); break;
                                    case Op.BL: used = bl(aux); break;
                                    case Op.LDST_IMM8: used = loadStoreImm8(raw); break;
                                    case Op.LDST_REG: used = loadStoreReg(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.MI_BASE + 1) {
                                switch (kind) {
                                    case Op.LDST_LIT: used = loadLiteral32(raw); break;
                                    case Op.LONG_MUL: used = longMultiply(raw); break;
                                    case Op.DIV: used = divide(raw); break;
                                    case Op.MI_BASE: used = miAnd(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.MI_BASE + 1: used = miBic(raw, aux); break;
                                    case Op.MI_BASE + 2: used = miOrr(raw, aux); break;
                                    case Op.MI_BASE + 3: used = miOrn(raw, aux); break;
                                    case Op.MI_BASE + 4: used = miEor(raw, aux); break;
                                    case Op.MI_BASE + 8: used = add32(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    } else {
                        if (kind < Op.MI_MVN) {
                            if (kind < Op.MI_TST) {
                                switch (kind) {
                                    case Op.MI_BASE + 10: used = adc32(raw, aux); break;
                                    case Op.MI_BASE + 11: used = miSbc(raw, aux); break;
                                    case Op.MI_BASE + 13: used = miSub(raw, aux); break;
                                    case Op.MI_BASE + 14: used = miRsb(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.MI_TST: used = miTst(raw, aux); break;
                                    case Op.MI_TEQ: used = miTeq(raw, aux); break;
                                    case Op.MI_CMN: used = miCmn(raw, aux); break;
                                    case Op.MI_CMP: used = miCmp(raw, aux); break;
                                    case Op.MI_MOV: used = miMov(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.SR_BASE + 4) {
                                switch (kind) {
                                    case Op.MI_MVN: used = miMvn(raw, aux); break;
                                    case Op.SR_BASE: used = srAnd(raw); break;
                                    case Op.SR_BASE + 1: used = srBic(raw); break;
                                    case Op.SR_BASE + 2: used = srOrr(raw); break;
                                    case Op.SR_BASE + 3: used = srOrn(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.SR_BASE + 4: used = srEor(raw); break;
                                    case Op.SR_BASE + 8: used = srAdd(raw); break;
                                    case Op.SR_BASE + 10: used = srAdc(raw); break;
                                    case Op.SR_BASE + 11: used = srSbc(raw); break;
                                    case Op.SR_BASE + 13: used = srSub(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    }
                } else {
                    if (kind < Op.SXTB_W) {
                        if (kind < Op.SBFX) {
                            if (kind < Op.SR_CMP) {
                                switch (kind) {
                                    case Op.SR_BASE + 14: used = srRsb(raw); break;
                                    case Op.SR_TST: used = srTst(raw); break;
                                    case Op.SR_TEQ: used = srTeq(raw); break;
                                    case Op.SR_CMN: used = srCmn(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.SR_CMP: used = srCmp(raw); break;
                                    case Op.SR_MOV: used = srMov(raw); break;
                                    case Op.SR_MVN: used = srMvn(raw); break;
                                    case Op.ADDW: used = addw(raw, aux); break;
                                    case Op.SUBW: used = subw(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.MUL_W) {
                                switch (kind) {
                                    case Op.SBFX: used = sbfx(raw); break;
                                    case Op.UBFX: used = ubfx(raw); break;
                                    case Op.BFI: used = bfi(raw, aux); break;
                                    case Op.BFC: used = bfc(raw, aux); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.MUL_W: used = mulW(raw); break;
                                    case Op.MLA: used = mla(raw); break;
                                    case Op.MLS: used = mls(raw); break;
                                    case Op.SXTH_W: used = sxthW(raw); break;
                                    case Op.UXTH_W: used = uxthW(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    } else {
                        if (kind < Op.LDRB_IMM12) {
                            if (kind < Op.RBIT) {
                                switch (kind) {
                                    case Op.SXTB_W: used = sxtbW(raw); break;
                                    case Op.UXTB_W: used = uxtbW(raw); break;
                                    case Op.REV_W: used = revW(raw); break;
                                    case Op.REV16_W: used = rev16W(raw); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.RBIT: used = rbit(raw); break;
                                    case Op.REVSH_W: used = revshW(raw); break;
                                    case Op.CLZ: used = clz(raw); break;
                                    case Op.LDR_IMM12: used = ldrImm12(raw); break;
                                    case Op.STR_IMM12: used = strImm12(raw, 2); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        } else {
                            if (kind < Op.LDRSH_IMM12) {
                                switch (kind) {
                                    case Op.LDRB_IMM12: used = ldrbImm12(raw); break;
                                    case Op.STRB_IMM12: used = strImm12(raw, 0); break;
                                    case Op.LDRH_IMM12: used = ldrhImm12(raw); break;
                                    case Op.STRH_IMM12: used = strImm12(raw, 1); break;
                                    case Op.LDRSB_IMM12: r[(raw >>> 12) & 15] = (byte) read8(r[(raw >>> 16) & 15] + (raw & 0xFFF)); used = 2; break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            } else {
                                switch (kind) {
                                    case Op.LDRSH_IMM12: r[(raw >>> 12) & 15] = (short) read16(r[(raw >>> 16) & 15] + (raw & 0xFFF)); used = 2; break;
                                    case Op.SHIFT_REG_BASE: used = shift32(raw, 0); break;
                                    case Op.SHIFT_REG_BASE + 1: used = shift32(raw, 1); break;
                                    case Op.SHIFT_REG_BASE + 2: used = shift32(raw, 2); break;
                                    case Op.SHIFT_REG_BASE + 3: used = shift32(raw, 3); break;
                                    default: used = executeRare(kind, raw); break;
                                }
                            }
                        }
                    }
                }
            }
            if (inIt) {
                itActive = false;
            }
            cycles += used;
            instructions++;
            pc = nextPc;
            if (attention) {
                break;
            }
        }
        this.fallThrough = fallThrough;
    }

    /** Kinds that are rare in compiled firmware: system, exclusive, DSP, undefined and coprocessor space. */
    private int executeRare(int kind, int raw) {
        switch (kind) {
            case Op.CPS: return cps(raw);
            case Op.BKPT: return bkpt(raw);
            case Op.WFE: return wfe();
            case Op.WFI: return wfi();
            case Op.SEV: eventRegister = true; return 1;
            case Op.SVC: return svc(raw);
            case Op.UDF16: case Op.UNDEF16: throw undefined(raw, false);
            case Op.STREX: return strex(raw);
            case Op.LDREX: return ldrex(raw);
            case Op.STREXBH: return strexbh(raw);
            case Op.LDREXBH: return ldrexbh(raw);
            case Op.DP_SREG: return dpShiftedRegister(raw);
            case Op.DP_MODIMM: return dpModifiedImmediate(raw);
            case Op.SAT: return saturate(raw);
            case Op.MSR: return msr(raw);
            case Op.MRS: return mrs(raw);
            case Op.HINT32: return hint32(raw);
            case Op.BARRIER: case Op.MEM_HINT: return 1;
            case Op.CLREX: exclusive = false; return 1;
            case Op.LDST_IMM12: return loadStoreImm12(raw);
            case Op.SHIFT_REG: return shiftRegister32(raw);
            case Op.EXTEND: return extend32(raw);
            case Op.PARALLEL: return parallel(raw);
            case Op.SAT_ADD: return saturatingAdd(raw);
            case Op.MISC32: return misc32(raw);
            case Op.DSP_MUL: return dspMultiply(raw);
            case Op.COPROC: return coprocessor(raw);
            case Op.UDF32: case Op.UNDEF32: throw undefined(raw, true);
            default:
                return unimplemented(raw, kind >= Op.WIDE);
        }
    }

    // =====================================================================================================
    // Specialised 32-bit kinds (operands pre-decoded into aux)
    // =====================================================================================================

    // ---- one method per register-only kind: the interpreter's switch and translated blocks both call these

    private int movw(int raw, int aux) {
        r[(raw >>> 8) & 15] = aux;
        return 1;
    }

    private int miAnd(int raw, int aux) {
        return miLogical(raw, aux, r[(raw >>> 16) & 15] & aux);
    }

    private int miBic(int raw, int aux) {
        return miLogical(raw, aux, r[(raw >>> 16) & 15] & ~aux);
    }

    private int miOrr(int raw, int aux) {
        return miLogical(raw, aux, r[(raw >>> 16) & 15] | aux);
    }

    private int miOrn(int raw, int aux) {
        return miLogical(raw, aux, r[(raw >>> 16) & 15] | ~aux);
    }

    private int miEor(int raw, int aux) {
        return miLogical(raw, aux, r[(raw >>> 16) & 15] ^ aux);
    }

    private int miMov(int raw, int aux) {
        return miLogical(raw, aux, aux);
    }

    private int miMvn(int raw, int aux) {
        return miLogical(raw, aux, ~aux);
    }

    private int miSbc(int raw, int aux) {
        return adc32(raw, ~aux);
    }

    private int miSub(int raw, int aux) {
        return sub32(raw, r[(raw >>> 16) & 15], aux);
    }

    private int miRsb(int raw, int aux) {
        return sub32(raw, aux, r[(raw >>> 16) & 15]);
    }

    private int miTst(int raw, int aux) {
        return miTest(raw, aux, r[(raw >>> 16) & 15] & aux);
    }

    private int miTeq(int raw, int aux) {
        return miTest(raw, aux, r[(raw >>> 16) & 15] ^ aux);
    }

    private int miCmn(int raw, int aux) {
        addFlags(r[(raw >>> 16) & 15], aux);
        return 1;
    }

    private int miCmp(int raw, int aux) {
        subFlags(r[(raw >>> 16) & 15], aux);
        return 1;
    }

    private int srAnd(int raw) {
        return srLogical(raw, r[(raw >>> 16) & 15] & srOperand(raw));
    }

    private int srBic(int raw) {
        return srLogical(raw, r[(raw >>> 16) & 15] & ~srOperand(raw));
    }

    private int srOrr(int raw) {
        return srLogical(raw, r[(raw >>> 16) & 15] | srOperand(raw));
    }

    private int srOrn(int raw) {
        return srLogical(raw, r[(raw >>> 16) & 15] | ~srOperand(raw));
    }

    private int srEor(int raw) {
        return srLogical(raw, r[(raw >>> 16) & 15] ^ srOperand(raw));
    }

    private int srMov(int raw) {
        return srLogical(raw, srOperand(raw));
    }

    private int srMvn(int raw) {
        return srLogical(raw, ~srOperand(raw));
    }

    private int srAdd(int raw) {
        return add32(raw, srOperand(raw));
    }

    private int srAdc(int raw) {
        return adc32(raw, srOperand(raw));
    }

    private int srSbc(int raw) {
        return adc32(raw, ~srOperand(raw));
    }

    private int srSub(int raw) {
        return sub32(raw, r[(raw >>> 16) & 15], srOperand(raw));
    }

    private int srRsb(int raw) {
        return sub32(raw, srOperand(raw), r[(raw >>> 16) & 15]);
    }

    private int srTst(int raw) {
        return srTest(raw, r[(raw >>> 16) & 15] & srOperand(raw));
    }

    private int srTeq(int raw) {
        return srTest(raw, r[(raw >>> 16) & 15] ^ srOperand(raw));
    }

    private int srCmn(int raw) {
        addFlags(r[(raw >>> 16) & 15], srOperand(raw));
        return 1;
    }

    private int srCmp(int raw) {
        subFlags(r[(raw >>> 16) & 15], srOperand(raw));
        return 1;
    }

    private int subw(int raw, int aux) {
        return addw(raw, -aux);
    }

    private int mulW(int raw) {
        r[(raw >>> 8) & 15] = r[(raw >>> 16) & 15] * r[raw & 15];
        return 1;
    }

    private int mla(int raw) {
        r[(raw >>> 8) & 15] = r[(raw >>> 12) & 15] + r[(raw >>> 16) & 15] * r[raw & 15];
        return 2;
    }

    private int mls(int raw) {
        r[(raw >>> 8) & 15] = r[(raw >>> 12) & 15] - r[(raw >>> 16) & 15] * r[raw & 15];
        return 2;
    }

    private int sxthW(int raw) {
        r[(raw >>> 8) & 15] = (short) rotatedOperand(raw);
        return 1;
    }

    private int uxthW(int raw) {
        r[(raw >>> 8) & 15] = rotatedOperand(raw) & 0xFFFF;
        return 1;
    }

    private int sxtbW(int raw) {
        r[(raw >>> 8) & 15] = (byte) rotatedOperand(raw);
        return 1;
    }

    private int uxtbW(int raw) {
        r[(raw >>> 8) & 15] = rotatedOperand(raw) & 0xFF;
        return 1;
    }

    private int revW(int raw) {
        r[(raw >>> 8) & 15] = Integer.reverseBytes(r[raw & 15]);
        return 1;
    }

    private int rev16W(int raw) {
        r[(raw >>> 8) & 15] = reverse(r[raw & 15], 1);
        return 1;
    }

    private int rbit(int raw) {
        r[(raw >>> 8) & 15] = Integer.reverse(r[raw & 15]);
        return 1;
    }

    private int revshW(int raw) {
        r[(raw >>> 8) & 15] = reverse(r[raw & 15], 3);
        return 1;
    }

    private int clz(int raw) {
        r[(raw >>> 8) & 15] = Integer.numberOfLeadingZeros(r[raw & 15]);
        return 1;
    }

    private int miLogical(int raw, int aux, int res) {
        r[(raw >>> 8) & 15] = res;
        if ((raw & 0x0010_0000) != 0) {
            fn = res < 0;
            fz = res == 0;
            if ((raw & 0x0400_4000) != 0) {
                fc = aux < 0;
            }
        }
        return 1;
    }

    private int miTest(int raw, int aux, int res) {
        fn = res < 0;
        fz = res == 0;
        if ((raw & 0x0400_4000) != 0) {
            fc = aux < 0;
        }
        return 1;
    }

    /** Operand 2 of the shifted-register forms; carry out in {@link #shiftCarry}. */
    private int srOperand(int raw) {
        int imm5 = ((raw >>> 10) & 0x1C) | ((raw >>> 6) & 3);
        int type = (raw >>> 4) & 3;
        int value = r[raw & 15];
        if (imm5 == 0 && type == 0) {
            shiftCarry = fc;
            return value;
        }
        return shiftImm(value, type, imm5);
    }

    private int srLogical(int raw, int res) {
        r[(raw >>> 8) & 15] = res;
        if ((raw & 0x0010_0000) != 0) {
            fn = res < 0;
            fz = res == 0;
            fc = shiftCarry;
        }
        return 1;
    }

    private int srTest(int raw, int res) {
        fn = res < 0;
        fz = res == 0;
        fc = shiftCarry;
        return 1;
    }

    private void writeArithmetic(int d, int res) {
        r[d] = d == 13 ? res & ~3 : res;
    }

    private int add32(int raw, int b) {
        int a = r[(raw >>> 16) & 15];
        writeArithmetic((raw >>> 8) & 15, (raw & 0x0010_0000) != 0 ? addFlags(a, b) : a + b);
        return 1;
    }

    private int adc32(int raw, int b) {
        int a = r[(raw >>> 16) & 15];
        writeArithmetic((raw >>> 8) & 15, (raw & 0x0010_0000) != 0 ? adcFlags(a, b, fc) : a + b + (fc ? 1 : 0));
        return 1;
    }

    private int sub32(int raw, int a, int b) {
        writeArithmetic((raw >>> 8) & 15, (raw & 0x0010_0000) != 0 ? subFlags(a, b) : a - b);
        return 1;
    }

    private int addw(int raw, int imm) {
        int n = (raw >>> 16) & 15;
        int base = n == 15 ? r[15] & ~3 : r[n];
        writeArithmetic((raw >>> 8) & 15, base + imm);
        return 1;
    }

    private int movt(int raw, int aux) {
        int d = (raw >>> 8) & 15;
        r[d] = (r[d] & 0xFFFF) | aux;
        return 1;
    }

    private int sbfx(int raw) {
        int lsb = ((raw >>> 10) & 0x1C) | ((raw >>> 6) & 3);
        int widthMinus1 = raw & 0x1F;
        int msb = lsb + widthMinus1;
        if (msb > 31) {
            throw undefined(raw, true);
        }
        r[(raw >>> 8) & 15] = (r[(raw >>> 16) & 15] << (31 - msb)) >> (31 - widthMinus1);
        return 1;
    }

    private int ubfx(int raw) {
        int lsb = ((raw >>> 10) & 0x1C) | ((raw >>> 6) & 3);
        int widthMinus1 = raw & 0x1F;
        int msb = lsb + widthMinus1;
        if (msb > 31) {
            throw undefined(raw, true);
        }
        r[(raw >>> 8) & 15] = (r[(raw >>> 16) & 15] << (31 - msb)) >>> (31 - widthMinus1);
        return 1;
    }

    private int bfi(int raw, int mask) {
        if (mask == 0) {
            throw undefined(raw, true);
        }
        int d = (raw >>> 8) & 15;
        r[d] = (r[d] & ~mask) | ((r[(raw >>> 16) & 15] << Integer.numberOfTrailingZeros(mask)) & mask);
        return 1;
    }

    private int bfc(int raw, int mask) {
        if (mask == 0) {
            throw undefined(raw, true);
        }
        r[(raw >>> 8) & 15] &= ~mask;
        return 1;
    }

    private int rotatedOperand(int raw) {
        return Integer.rotateRight(r[raw & 15], ((raw >>> 4) & 3) << 3);
    }

    private int ldrImm12(int raw) {
        int t = (raw >>> 12) & 15;
        int v = read32(r[(raw >>> 16) & 15] + (raw & 0xFFF));
        if (t == 15) {
            loadWritePc(v);
            return 4;
        }
        r[t] = t == 13 ? v & ~3 : v;
        return 2;
    }

    private int strImm12(int raw, int size) {
        storeSized(r[(raw >>> 16) & 15] + (raw & 0xFFF), r[(raw >>> 12) & 15], size);
        return 1;
    }

    private int ldrbImm12(int raw) {
        r[(raw >>> 12) & 15] = read8(r[(raw >>> 16) & 15] + (raw & 0xFFF));
        return 2;
    }

    private int ldrhImm12(int raw) {
        r[(raw >>> 12) & 15] = read16(r[(raw >>> 16) & 15] + (raw & 0xFFF));
        return 2;
    }

    private int shift32(int raw, int type) {
        int res = shiftReg(r[(raw >>> 16) & 15], type, r[raw & 15]);
        r[(raw >>> 8) & 15] = res;
        if ((raw & 0x0010_0000) != 0) {
            fn = res < 0;
            fz = res == 0;
            fc = shiftCarry;
        }
        return 1;
    }

    private int shift16(int raw, int type) {
        int d = raw & 7;
        int res = shiftReg(r[d], type, r[(raw >>> 3) & 7]);
        r[d] = res;
        if (!itActive) {
            fn = res < 0;
            fz = res == 0;
            fc = shiftCarry;
        }
        return 1;
    }

    private int adc16(int raw) {
        int d = raw & 7;
        int a = r[d];
        int b = r[(raw >>> 3) & 7];
        r[d] = itActive ? a + b + (fc ? 1 : 0) : adcFlags(a, b, fc);
        return 1;
    }

    private int sbc16(int raw) {
        int d = raw & 7;
        int a = r[d];
        int b = ~r[(raw >>> 3) & 7];
        r[d] = itActive ? a + b + (fc ? 1 : 0) : adcFlags(a, b, fc);
        return 1;
    }

    private int rsb16(int raw) {
        int b = r[(raw >>> 3) & 7];
        r[raw & 7] = itActive ? -b : subFlags(0, b);
        return 1;
    }

    private int cmn16(int raw) {
        addFlags(r[raw & 7], r[(raw >>> 3) & 7]);
        return 1;
    }

    private int bcond(int cond, int offset) {
        if (conditionPassed(cond & 15)) {
            nextPc = pc + 4 + offset;
            return 3;
        }
        return 1;
    }

    private int branch(int offset) {
        nextPc = pc + 4 + offset;
        return 3;
    }

    private int bl(int offset) {
        r[14] = (pc + 4) | 1;
        nextPc = pc + 4 + offset;
        return 4;
    }

    // =====================================================================================================
    // Flags, shifts, conditions
    // =====================================================================================================

    /** For each condition code, a 16-bit mask over the NZCV combinations (N = bit 3 .. V = bit 0) that pass. */
    private static final int[] CONDITION_MASKS = conditionMasks();

    private static int[] conditionMasks() {
        int[] masks = new int[16];
        for (int cond = 0; cond < 16; cond++) {
            for (int f = 0; f < 16; f++) {
                boolean n = (f & 8) != 0;
                boolean z = (f & 4) != 0;
                boolean c = (f & 2) != 0;
                boolean v = (f & 1) != 0;
                boolean pass;
                switch (cond) {
                    case 0: pass = z; break;
                    case 1: pass = !z; break;
                    case 2: pass = c; break;
                    case 3: pass = !c; break;
                    case 4: pass = n; break;
                    case 5: pass = !n; break;
                    case 6: pass = v; break;
                    case 7: pass = !v; break;
                    case 8: pass = c && !z; break;
                    case 9: pass = !c || z; break;
                    case 10: pass = n == v; break;
                    case 11: pass = n != v; break;
                    case 12: pass = !z && n == v; break;
                    case 13: pass = z || n != v; break;
                    default: pass = true; break;
                }
                if (pass) {
                    masks[cond] |= 1 << f;
                }
            }
        }
        return masks;
    }

    /** Branch-free condition check: one table load instead of a jump on the condition code. */
    private boolean conditionPassed(int cond) {
        int flags = (fn ? 8 : 0) | (fz ? 4 : 0) | (fc ? 2 : 0) | (fv ? 1 : 0);
        return ((CONDITION_MASKS[cond & 15] >>> flags) & 1) != 0;
    }

    private void nz(int result) {
        fn = result < 0;
        fz = result == 0;
    }

    private int addFlags(int a, int b) {
        int res = a + b;
        fn = res < 0;
        fz = res == 0;
        fc = Integer.compareUnsigned(res, a) < 0;
        fv = ((a ^ res) & (b ^ res)) < 0;
        return res;
    }

    private int subFlags(int a, int b) {
        int res = a - b;
        fn = res < 0;
        fz = res == 0;
        fc = Integer.compareUnsigned(a, b) >= 0;
        fv = ((a ^ b) & (a ^ res)) < 0;
        return res;
    }

    private int adcFlags(int a, int b, boolean carry) {
        long u = (a & 0xFFFF_FFFFL) + (b & 0xFFFF_FFFFL) + (carry ? 1 : 0);
        int res = (int) u;
        fn = res < 0;
        fz = res == 0;
        fc = (u >>> 32) != 0;
        fv = ((a ^ res) & (b ^ res)) < 0;
        return res;
    }

    /** Shift_C with an immediate already decoded by DecodeImmShift semantics (type, imm5). */
    private int shiftImm(int value, int type, int imm5) {
        switch (type) {
            case 0:
                if (imm5 == 0) {
                    shiftCarry = fc;
                    return value;
                }
                shiftCarry = ((value >>> (32 - imm5)) & 1) != 0;
                return value << imm5;
            case 1:
                if (imm5 == 0) {
                    shiftCarry = value < 0;
                    return 0;
                }
                shiftCarry = ((value >>> (imm5 - 1)) & 1) != 0;
                return value >>> imm5;
            case 2:
                if (imm5 == 0) {
                    shiftCarry = value < 0;
                    return value >> 31;
                }
                shiftCarry = ((value >> (imm5 - 1)) & 1) != 0;
                return value >> imm5;
            default:
                if (imm5 == 0) { // RRX
                    shiftCarry = (value & 1) != 0;
                    return (fc ? 1 << 31 : 0) | (value >>> 1);
                }
                int res = Integer.rotateRight(value, imm5);
                shiftCarry = res < 0;
                return res;
        }
    }

    /** Shift_C by a register amount (bottom byte of Rm). */
    private int shiftReg(int value, int type, int amount) {
        amount &= 0xFF;
        if (amount == 0) {
            shiftCarry = fc;
            return value;
        }
        switch (type) {
            case 0:
                if (amount < 32) {
                    shiftCarry = ((value >>> (32 - amount)) & 1) != 0;
                    return value << amount;
                }
                shiftCarry = amount == 32 && (value & 1) != 0;
                return 0;
            case 1:
                if (amount < 32) {
                    shiftCarry = ((value >>> (amount - 1)) & 1) != 0;
                    return value >>> amount;
                }
                shiftCarry = amount == 32 && value < 0;
                return 0;
            case 2:
                if (amount < 32) {
                    shiftCarry = ((value >> (amount - 1)) & 1) != 0;
                    return value >> amount;
                }
                shiftCarry = value < 0;
                return value >> 31;
            default: {
                int res = Integer.rotateRight(value, amount & 31);
                shiftCarry = res < 0;
                return res;
            }
        }
    }

    /** ThumbExpandImm_C; carry out in {@link #shiftCarry}. */
    private int expandImm(int imm12) {
        if ((imm12 & 0xC00) == 0) {
            int imm8 = imm12 & 0xFF;
            shiftCarry = fc;
            switch ((imm12 >>> 8) & 3) {
                case 0: return imm8;
                case 1: return imm8 | (imm8 << 16);
                case 2: return (imm8 << 8) | (imm8 << 24);
                default: return imm8 | (imm8 << 8) | (imm8 << 16) | (imm8 << 24);
            }
        }
        int value = Integer.rotateRight(0x80 | (imm12 & 0x7F), (imm12 >>> 7) & 31);
        shiftCarry = value < 0;
        return value;
    }

    // =====================================================================================================
    // 16-bit data processing
    // =====================================================================================================

    private int lslImm(int raw) {
        int imm = (raw >>> 6) & 31;
        int v = r[(raw >>> 3) & 7];
        int res = v << imm;
        r[raw & 7] = res;
        if (!itActive) {
            nz(res);
            fc = ((v >>> (32 - imm)) & 1) != 0;
        }
        return 1;
    }

    private int movsReg(int raw) {
        int res = r[(raw >>> 3) & 7];
        r[raw & 7] = res;
        if (!itActive) {
            nz(res);
        }
        return 1;
    }

    private int lsrImm(int raw) {
        int imm = (raw >>> 6) & 31;
        int res = shiftImm(r[(raw >>> 3) & 7], 1, imm);
        r[raw & 7] = res;
        if (!itActive) {
            nz(res);
            fc = shiftCarry;
        }
        return 1;
    }

    private int asrImm(int raw) {
        int imm = (raw >>> 6) & 31;
        int res = shiftImm(r[(raw >>> 3) & 7], 2, imm);
        r[raw & 7] = res;
        if (!itActive) {
            nz(res);
            fc = shiftCarry;
        }
        return 1;
    }

    private int addReg3(int raw) {
        int a = r[(raw >>> 3) & 7];
        int b = r[(raw >>> 6) & 7];
        r[raw & 7] = itActive ? a + b : addFlags(a, b);
        return 1;
    }

    private int subReg3(int raw) {
        int a = r[(raw >>> 3) & 7];
        int b = r[(raw >>> 6) & 7];
        r[raw & 7] = itActive ? a - b : subFlags(a, b);
        return 1;
    }

    private int addImm3(int raw) {
        int a = r[(raw >>> 3) & 7];
        int b = (raw >>> 6) & 7;
        r[raw & 7] = itActive ? a + b : addFlags(a, b);
        return 1;
    }

    private int subImm3(int raw) {
        int a = r[(raw >>> 3) & 7];
        int b = (raw >>> 6) & 7;
        r[raw & 7] = itActive ? a - b : subFlags(a, b);
        return 1;
    }

    private int movImm8(int raw) {
        int v = raw & 0xFF;
        r[(raw >>> 8) & 7] = v;
        if (!itActive) {
            fn = false;
            fz = v == 0;
        }
        return 1;
    }

    private int cmpImm8(int raw) {
        subFlags(r[(raw >>> 8) & 7], raw & 0xFF);
        return 1;
    }

    private int addImm8(int raw) {
        int d = (raw >>> 8) & 7;
        r[d] = itActive ? r[d] + (raw & 0xFF) : addFlags(r[d], raw & 0xFF);
        return 1;
    }

    private int subImm8(int raw) {
        int d = (raw >>> 8) & 7;
        r[d] = itActive ? r[d] - (raw & 0xFF) : subFlags(r[d], raw & 0xFF);
        return 1;
    }

    private int logical16(int raw, int res) {
        r[raw & 7] = res;
        if (!itActive) {
            fn = res < 0;
            fz = res == 0;
        }
        return 1;
    }

    private int and16(int raw) {
        return logical16(raw, r[raw & 7] & r[(raw >>> 3) & 7]);
    }

    private int eor16(int raw) {
        return logical16(raw, r[raw & 7] ^ r[(raw >>> 3) & 7]);
    }

    private int orr16(int raw) {
        return logical16(raw, r[raw & 7] | r[(raw >>> 3) & 7]);
    }

    private int bic16(int raw) {
        return logical16(raw, r[raw & 7] & ~r[(raw >>> 3) & 7]);
    }

    private int mvn16(int raw) {
        return logical16(raw, ~r[(raw >>> 3) & 7]);
    }

    private int mul16(int raw) {
        return logical16(raw, r[raw & 7] * r[(raw >>> 3) & 7]);
    }

    private int tst16(int raw) {
        nz(r[raw & 7] & r[(raw >>> 3) & 7]);
        return 1;
    }

    private int cmp16(int raw) {
        subFlags(r[raw & 7], r[(raw >>> 3) & 7]);
        return 1;
    }

    private int addHi(int raw) {
        int d = (raw & 7) | ((raw >>> 4) & 8);
        int m = (raw >>> 3) & 15;
        int res = r[d] + r[m];
        if (d == 15) {
            nextPc = res & ~1;
            return 3;
        }
        r[d] = d == 13 ? res & ~3 : res;
        return 1;
    }

    private int cmpHi(int raw) {
        int n = (raw & 7) | ((raw >>> 4) & 8);
        subFlags(r[n], r[(raw >>> 3) & 15]);
        return 1;
    }

    private int movHi(int raw) {
        int d = (raw & 7) | ((raw >>> 4) & 8);
        int v = r[(raw >>> 3) & 15];
        if (d == 15) {
            nextPc = v & ~1;
            return 3;
        }
        r[d] = d == 13 ? v & ~3 : v;
        return 1;
    }

    private int bx(int raw) {
        bxWritePc(r[(raw >>> 3) & 15]);
        return 3;
    }

    private int blxReg(int raw) {
        int target = r[(raw >>> 3) & 15];
        r[14] = (pc + 2) | 1;
        bxWritePc(target);
        return 3;
    }

    private int extend16(int raw, int which) {
        int v = r[(raw >>> 3) & 7];
        int res;
        switch (which) {
            case 0: res = (short) v; break;
            case 1: res = (byte) v; break;
            case 2: res = v & 0xFFFF; break;
            default: res = v & 0xFF; break;
        }
        r[raw & 7] = res;
        return 1;
    }

    private int rev16bit(int raw, int which) {
        r[raw & 7] = reverse(r[(raw >>> 3) & 7], which);
        return 1;
    }

    private static int reverse(int v, int which) {
        switch (which) {
            case 0:
                return Integer.reverseBytes(v);
            case 1:
                return ((v >>> 8) & 0x00FF_00FF) | ((v << 8) & 0xFF00_FF00);
            case 2:
                return Integer.reverse(v);
            default:
                return (short) (((v & 0xFF) << 8) | ((v >>> 8) & 0xFF));
        }
    }

    private int adr16(int raw) {
        r[(raw >>> 8) & 7] = (r[15] & ~3) + ((raw & 0xFF) << 2);
        return 1;
    }

    private int addSpImm8(int raw) {
        r[(raw >>> 8) & 7] = r[13] + ((raw & 0xFF) << 2);
        return 1;
    }

    private int addSp7(int raw) {
        r[13] += (raw & 0x7F) << 2;
        return 1;
    }

    private int subSp7(int raw) {
        r[13] -= (raw & 0x7F) << 2;
        return 1;
    }

    // =====================================================================================================
    // 16-bit loads and stores
    // =====================================================================================================

    private int ldrLiteral16(int raw) {
        r[(raw >>> 8) & 7] = read32((r[15] & ~3) + ((raw & 0xFF) << 2));
        return 2;
    }

    private int strReg16(int raw, int size) {
        int address = r[(raw >>> 3) & 7] + r[(raw >>> 6) & 7];
        storeSized(address, r[raw & 7], size);
        return 1;
    }

    private int ldrReg16(int raw, int size, boolean signed) {
        int address = r[(raw >>> 3) & 7] + r[(raw >>> 6) & 7];
        r[raw & 7] = loadSized(address, size, signed);
        return 2;
    }

    private int strImm5(int raw) {
        write32(r[(raw >>> 3) & 7] + (((raw >>> 6) & 31) << 2), r[raw & 7]);
        return 1;
    }

    private int ldrImm5(int raw) {
        r[raw & 7] = read32(r[(raw >>> 3) & 7] + (((raw >>> 6) & 31) << 2));
        return 2;
    }

    private int strbImm5(int raw) {
        write8(r[(raw >>> 3) & 7] + ((raw >>> 6) & 31), r[raw & 7]);
        return 1;
    }

    private int ldrbImm5(int raw) {
        r[raw & 7] = read8(r[(raw >>> 3) & 7] + ((raw >>> 6) & 31));
        return 2;
    }

    private int strhImm5(int raw) {
        write16(r[(raw >>> 3) & 7] + (((raw >>> 6) & 31) << 1), r[raw & 7]);
        return 1;
    }

    private int ldrhImm5(int raw) {
        r[raw & 7] = read16(r[(raw >>> 3) & 7] + (((raw >>> 6) & 31) << 1));
        return 2;
    }

    private int strSp(int raw) {
        write32(r[13] + ((raw & 0xFF) << 2), r[(raw >>> 8) & 7]);
        return 1;
    }

    private int ldrSp(int raw) {
        r[(raw >>> 8) & 7] = read32(r[13] + ((raw & 0xFF) << 2));
        return 2;
    }

    private int push16(int raw) {
        int list = (raw & 0xFF) | ((raw & 0x100) << 6);
        return storeMultiple(13, r[13] - 4 * Integer.bitCount(list), list, true, r[13] - 4 * Integer.bitCount(list));
    }

    private int pop16(int raw) {
        int list = (raw & 0xFF) | ((raw & 0x100) << 7);
        return loadMultiple(13, r[13], list, true, r[13] + 4 * Integer.bitCount(list));
    }

    private int stm16(int raw) {
        int n = (raw >>> 8) & 7;
        int list = raw & 0xFF;
        return storeMultiple(n, r[n], list, true, r[n] + 4 * Integer.bitCount(list));
    }

    private int ldm16(int raw) {
        int n = (raw >>> 8) & 7;
        int list = raw & 0xFF;
        return loadMultiple(n, r[n], list, (list & (1 << n)) == 0, r[n] + 4 * Integer.bitCount(list));
    }

    private int loadMultiple(int n, int start, int list, boolean writeback, int newBase) {
        if ((start & 3) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned LDM/POP at 0x" + hex(start));
        }
        int address = start;
        int count = 0;
        for (int i = 0; i < 15; i++) {
            if ((list & (1 << i)) != 0) {
                r[i] = read32(address);
                address += 4;
                count++;
            }
        }
        if ((list & 0x8000) != 0) {
            int target = read32(address);
            if (writeback) {
                r[n] = newBase;
            }
            loadWritePc(target);
            return 4 + count;
        }
        if (writeback) {
            r[n] = newBase;
        }
        return 1 + count;
    }

    private int storeMultiple(int n, int start, int list, boolean writeback, int newBase) {
        if ((start & 3) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned STM/PUSH at 0x" + hex(start));
        }
        int address = start;
        int count = 0;
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                write32(address, r[i]);
                address += 4;
                count++;
            }
        }
        if (writeback) {
            r[n] = newBase;
        }
        return 1 + count;
    }

    // =====================================================================================================
    // Branches and control
    // =====================================================================================================

    private int cbz(int raw, boolean zero) {
        int v = r[raw & 7];
        if ((v == 0) == zero) {
            int imm = (((raw >>> 9) & 1) << 6) | (((raw >>> 3) & 31) << 1);
            nextPc = pc + 4 + imm;
            return 3;
        }
        return 1;
    }

    private int tableBranch(int raw, boolean half) {
        int n = (raw >>> 16) & 15;
        int m = raw & 15;
        int base = r[n];
        int offset = half ? read16(base + (r[m] << 1)) : read8(base + r[m]);
        nextPc = pc + 4 + 2 * offset;
        return 5;
    }

    private void bxWritePc(int value) {
        if (ipsr != 0 && (value >>> 28) == 0xF) {
            exceptionReturn(value);
            return;
        }
        if ((value & 1) == 0) {
            tbit = false;
            attention = true;
        }
        nextPc = value & ~1;
    }

    private void loadWritePc(int value) {
        bxWritePc(value);
    }

    private int itInstruction(int raw) {
        it = raw & 0xFF;
        return 1;
    }

    private int cps(int raw) {
        if (!privileged()) {
            return 1;
        }
        boolean disable = (raw & 0x10) != 0;
        if ((raw & 2) != 0) {
            primask = disable ? 1 : 0;
        }
        if ((raw & 1) != 0) {
            if (!disable) {
                faultmask = 0;
            } else if (executionPriority(true) > -1) {
                faultmask = 1;
            }
        }
        attention = true;
        return 1;
    }

    private int svc(int raw) {
        if (nvic.groupPriorityOf(SVCALL) < executionPriority(true)) {
            nvic.pending[SVCALL] = true;
            attention = true;
        } else {
            escalateToHardFault("SVC #" + (raw & 0xFF) + " with SVCall priority not above execution priority");
        }
        return 1;
    }

    private int bkpt(int raw) {
        // No debugger attached: a breakpoint escalates to HardFault with HFSR.DEBUGEVT, as on silicon.
        scs.regs.hfsr |= 1 << 31;
        String detail = "BKPT #" + (raw & 0xFF) + " without debugger at PC=0x" + hex(pc);
        if (executionPriority(true) <= -1) {
            lockup(detail);
        } else {
            faultListener.fault("hardfault", pc, detail);
            nvic.pending[HARDFAULT] = true;
            attention = true;
        }
        throw faultSignal;
    }

    private int wfi() {
        if (!wakeConditionFor(false)) {
            sleepOnWfe = false;
            state = CoreState.SLEEPING;
            attention = true;
        }
        return 1;
    }

    private int wfe() {
        if (eventRegister) {
            eventRegister = false;
            return 1;
        }
        if (!wakeConditionFor(true)) {
            sleepOnWfe = true;
            state = CoreState.SLEEPING;
            attention = true;
        }
        return 1;
    }

    private int hint32(int raw) {
        switch (raw & 0xFF) {
            case 2: return wfe();
            case 3: return wfi();
            case 4: eventRegister = true; return 1;
            default: return 1;
        }
    }

    private boolean wakeCondition() {
        if (sleepOnWfe && eventRegister) {
            eventRegister = false;
            return true;
        }
        return wakeConditionFor(sleepOnWfe);
    }

    /** An exception would be taken now (WFE) or would be taken if PRIMASK were clear (WFI). */
    private boolean wakeConditionFor(boolean respectPrimask) {
        int exc = nvic.highestPending();
        return exc != 0 && nvic.groupPriorityOf(exc) < executionPriority(respectPrimask);
    }

    private boolean privileged() {
        return ipsr != 0 || (control & 1) == 0;
    }

    private int msr(int raw) {
        int v = r[(raw >>> 16) & 15];
        int sysm = raw & 0xFF;
        int mask = (raw >>> 10) & 3;
        boolean priv = privileged();
        switch (sysm >>> 3) {
            case 0:
                if ((sysm & 4) == 0) {
                    if ((mask & 2) != 0) {
                        fn = v < 0;
                        fz = (v & (1 << 30)) != 0;
                        fc = (v & (1 << 29)) != 0;
                        fv = (v & (1 << 28)) != 0;
                        fq = (v & (1 << 27)) != 0;
                    }
                    if ((mask & 1) != 0 && dsp) {
                        ge = (v >>> 16) & 15;
                    }
                }
                break;
            case 1:
                if (priv) {
                    if (sysm == 8) {
                        if (onPsp) {
                            otherSp = v & ~3;
                        } else {
                            r[13] = v & ~3;
                        }
                    } else if (sysm == 9) {
                        if (onPsp) {
                            r[13] = v & ~3;
                        } else {
                            otherSp = v & ~3;
                        }
                    }
                }
                break;
            case 2:
                if (!priv) {
                    break;
                }
                switch (sysm) {
                    case 16:
                        primask = v & 1;
                        break;
                    case 17:
                        basepri = v & nvic.priorityMask();
                        break;
                    case 18: {
                        int b = v & nvic.priorityMask();
                        if (b != 0 && (basepri == 0 || b < basepri)) {
                            basepri = b;
                        }
                        break;
                    }
                    case 19:
                        if (ipsr != NMI) {
                            faultmask = v & 1;
                        }
                        break;
                    case 20:
                        if (ipsr == 0) {
                            control = (control & ~2) | (v & 2);
                            selectStack((v & 2) != 0);
                        }
                        control = (control & ~1) | (v & 1);
                        if (fpu != null) {
                            control = (control & ~CONTROL_FPCA) | (v & CONTROL_FPCA);
                        }
                        break;
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        attention = true;
        return 2;
    }

    private int mrs(int raw) {
        int d = (raw >>> 8) & 15;
        int sysm = raw & 0xFF;
        int v = 0;
        switch (sysm >>> 3) {
            case 0:
                if ((sysm & 1) != 0) {
                    v |= ipsr;
                }
                if ((sysm & 4) == 0) {
                    v |= xpsr() & 0xF80F_0000;
                }
                break;
            case 1:
                if (privileged()) {
                    v = sysm == 8 ? msp() : sysm == 9 ? psp() : 0;
                }
                break;
            case 2:
                switch (sysm) {
                    case 16: v = primask; break;
                    case 17: case 18: v = basepri; break;
                    case 19: v = faultmask; break;
                    case 20: v = control; break;
                    default: break;
                }
                break;
            default:
                break;
        }
        r[d] = v;
        return 1;
    }

    /** Switches which stack pointer lives in r13. */
    private void selectStack(boolean psp) {
        if (psp != onPsp) {
            int current = r[13];
            r[13] = otherSp;
            otherSp = current;
            onPsp = psp;
        }
    }

    // =====================================================================================================
    // 32-bit data processing
    // =====================================================================================================

    private int dpModifiedImmediate(int raw) {
        int hw1 = raw >>> 16;
        int imm12 = (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8) | (raw & 0xFF);
        int imm = expandImm(imm12);
        return dataProcessing32((hw1 >>> 5) & 15, (hw1 & 0x10) != 0, hw1 & 15, (raw >>> 8) & 15, imm, raw);
    }

    private int dpShiftedRegister(int raw) {
        int hw1 = raw >>> 16;
        int op = (hw1 >>> 5) & 15;
        int imm5 = (((raw >>> 12) & 7) << 2) | ((raw >>> 6) & 3);
        int type = (raw >>> 4) & 3;
        int shifted = shiftImm(r[raw & 15], type, imm5);
        if (op == 6) {
            if (!dsp || (hw1 & 0x10) != 0) {
                throw undefined(raw, true);
            }
            int n = r[hw1 & 15];
            int res = (type & 2) != 0 ? (n & 0xFFFF_0000) | (shifted & 0xFFFF) : (n & 0xFFFF) | (shifted & 0xFFFF_0000);
            r[(raw >>> 8) & 15] = res;
            return 1;
        }
        return dataProcessing32(op, (hw1 & 0x10) != 0, hw1 & 15, (raw >>> 8) & 15, shifted, raw);
    }

    private int dataProcessing32(int op, boolean s, int n, int d, int b, int raw) {
        int a = r[n];
        int res;
        switch (op) {
            case 0: // AND / TST
                res = a & b;
                if (s) {
                    nz(res);
                    fc = shiftCarry;
                }
                if (d == 15 && s) {
                    return 1;
                }
                break;
            case 1:
                res = a & ~b;
                if (s) {
                    nz(res);
                    fc = shiftCarry;
                }
                break;
            case 2: // ORR / MOV
                res = n == 15 ? b : a | b;
                if (s) {
                    nz(res);
                    fc = shiftCarry;
                }
                break;
            case 3: // ORN / MVN
                res = n == 15 ? ~b : a | ~b;
                if (s) {
                    nz(res);
                    fc = shiftCarry;
                }
                break;
            case 4: // EOR / TEQ
                res = a ^ b;
                if (s) {
                    nz(res);
                    fc = shiftCarry;
                }
                if (d == 15 && s) {
                    return 1;
                }
                break;
            case 8: // ADD / CMN
                res = s ? addFlags(a, b) : a + b;
                if (d == 15 && s) {
                    return 1;
                }
                break;
            case 10:
                res = s ? adcFlags(a, b, fc) : a + b + (fc ? 1 : 0);
                break;
            case 11:
                res = s ? adcFlags(a, ~b, fc) : a + ~b + (fc ? 1 : 0);
                break;
            case 13: // SUB / CMP
                res = s ? subFlags(a, b) : a - b;
                if (d == 15 && s) {
                    return 1;
                }
                break;
            case 14:
                res = s ? subFlags(b, a) : b - a;
                break;
            default:
                throw undefined(raw, true);
        }
        if (d == 15) {
            throw undefined(raw, true);
        }
        r[d] = d == 13 ? res & ~3 : res;
        return 1;
    }

    private int addwSubw(int raw) {
        int hw1 = raw >>> 16;
        int n = hw1 & 15;
        int imm = (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8) | (raw & 0xFF);
        int base = n == 15 ? r[15] & ~3 : r[n];
        int res = (hw1 & 0xA0) != 0 ? base - imm : base + imm;
        int d = (raw >>> 8) & 15;
        r[d] = d == 13 ? res & ~3 : res;
        return 1;
    }

    private static int imm16(int raw) {
        int hw1 = raw >>> 16;
        return ((hw1 & 15) << 12) | (((hw1 >>> 10) & 1) << 11) | (((raw >>> 12) & 7) << 8) | (raw & 0xFF);
    }

    private int saturate(int raw) {
        int hw1 = raw >>> 16;
        int op = (hw1 >>> 4) & 0x1F;
        boolean unsigned = op >= 24;
        int n = r[hw1 & 15];
        int d = (raw >>> 8) & 15;
        int imm5 = (((raw >>> 12) & 7) << 2) | ((raw >>> 6) & 3);
        boolean asr = (hw1 & 0x20) != 0;
        int satImm = raw & 0x1F;
        if (asr && imm5 == 0) { // SSAT16 / USAT16
            if (!dsp) {
                throw undefined(raw, true);
            }
            int bits = unsigned ? satImm & 15 : (satImm & 15) + 1;
            long lo = unsigned ? Dsp.unsignedSat((short) n, bits) : Dsp.signedSat((short) n, bits);
            long hi = unsigned ? Dsp.unsignedSat(n >> 16, bits) : Dsp.signedSat(n >> 16, bits);
            if (((lo | hi) >>> 32) != 0) {
                fq = true;
            }
            r[d] = ((int) lo & 0xFFFF) | ((int) hi << 16);
            return 1;
        }
        int operand = asr ? n >> imm5 : n << imm5;
        long res = unsigned ? Dsp.unsignedSat(operand, satImm) : Dsp.signedSat(operand, satImm + 1);
        if ((res >>> 32) != 0) {
            fq = true;
        }
        r[d] = (int) res;
        return 1;
    }

    private int bitField(int raw) {
        int hw1 = raw >>> 16;
        int op = (hw1 >>> 4) & 0x1F;
        int n = hw1 & 15;
        int d = (raw >>> 8) & 15;
        int lsb = (((raw >>> 12) & 7) << 2) | ((raw >>> 6) & 3);
        int field = raw & 0x1F;
        switch (op) {
            case 20: { // SBFX
                int msb = lsb + field;
                if (msb > 31) {
                    throw undefined(raw, true);
                }
                r[d] = (r[n] << (31 - msb)) >> (31 - field);
                return 1;
            }
            case 28: { // UBFX
                int msb = lsb + field;
                if (msb > 31) {
                    throw undefined(raw, true);
                }
                r[d] = (r[n] << (31 - msb)) >>> (31 - field);
                return 1;
            }
            default: { // BFI / BFC
                int msb = field;
                if (msb < lsb) {
                    throw undefined(raw, true);
                }
                int mask = (int) (((1L << (msb - lsb + 1)) - 1) << lsb);
                int src = n == 15 ? 0 : r[n] << lsb;
                r[d] = (r[d] & ~mask) | (src & mask);
                return 1;
            }
        }
    }

    private int shiftRegister32(int raw) {
        int hw1 = raw >>> 16;
        int res = shiftReg(r[hw1 & 15], (hw1 >>> 5) & 3, r[raw & 15]);
        r[(raw >>> 8) & 15] = res;
        if ((hw1 & 0x10) != 0) {
            nz(res);
            fc = shiftCarry;
        }
        return 1;
    }

    private int extend32(int raw) {
        int hw1 = raw >>> 16;
        int op = (hw1 >>> 4) & 7;
        int n = hw1 & 15;
        int rot = ((raw >>> 4) & 3) << 3;
        int v = Integer.rotateRight(r[raw & 15], rot);
        if (!dsp && (n != 15 || op == 2 || op == 3)) {
            throw undefined(raw, true);
        }
        int add = n == 15 ? 0 : r[n];
        int res;
        switch (op) {
            case 0: res = add + (short) v; break;
            case 1: res = add + (v & 0xFFFF); break;
            case 2: { // SXTAB16
                int lo = (add + (byte) v) & 0xFFFF;
                int hi = (add >>> 16) + (byte) (v >>> 16);
                res = lo | (hi << 16);
                break;
            }
            case 3: { // UXTAB16
                int lo = (add + (v & 0xFF)) & 0xFFFF;
                int hi = (add >>> 16) + ((v >>> 16) & 0xFF);
                res = lo | (hi << 16);
                break;
            }
            case 4: res = add + (byte) v; break;
            default: res = add + (v & 0xFF); break;
        }
        r[(raw >>> 8) & 15] = res;
        return 1;
    }

    private int parallel(int raw) {
        if (!dsp) {
            throw undefined(raw, true);
        }
        int hw1 = raw >>> 16;
        int mode = (raw >>> 4) & 3;
        boolean unsigned = (raw & 0x40) != 0;
        if (mode == 3) {
            throw undefined(raw, true);
        }
        long res = Dsp.parallel((hw1 >>> 4) & 7, mode, unsigned, r[hw1 & 15], r[raw & 15]);
        if ((res & (1L << 36)) != 0) {
            throw undefined(raw, true);
        }
        r[(raw >>> 8) & 15] = (int) res;
        if (mode == 0) {
            ge = (int) (res >>> 32) & 15;
        }
        return 1;
    }

    private int saturatingAdd(int raw) {
        if (!dsp) {
            throw undefined(raw, true);
        }
        int n = r[(raw >>> 16) & 15];
        int m = r[raw & 15];
        int op = (raw >>> 4) & 3;
        long second = n;
        if ((op & 1) != 0) { // doubling
            long doubled = Dsp.signedSat(2L * n, 32);
            if ((doubled >>> 32) != 0) {
                fq = true;
            }
            second = (int) doubled;
        }
        long res = Dsp.signedSat((op & 2) != 0 ? (long) m - second : (long) m + second, 32);
        if ((res >>> 32) != 0) {
            fq = true;
        }
        r[(raw >>> 8) & 15] = (int) res;
        return 1;
    }

    private int misc32(int raw) {
        int hw1 = raw >>> 16;
        int op1 = (hw1 >>> 4) & 3;
        int op2 = (raw >>> 4) & 3;
        int d = (raw >>> 8) & 15;
        int m = r[raw & 15];
        switch (op1) {
            case 1:
                r[d] = reverse(m, op2);
                return 1;
            case 2:
                if (!dsp) {
                    throw undefined(raw, true);
                }
                r[d] = Dsp.sel(r[hw1 & 15], m, ge);
                return 1;
            default:
                r[d] = Integer.numberOfLeadingZeros(m);
                return 1;
        }
    }

    // =====================================================================================================
    // Multiply and divide
    // =====================================================================================================

    private int mul32(int raw) {
        int n = r[(raw >>> 16) & 15];
        int m = r[raw & 15];
        int a = (raw >>> 12) & 15;
        int d = (raw >>> 8) & 15;
        if ((raw & 0x10) != 0) {
            r[d] = r[a] - n * m;
            return 2;
        }
        if (a == 15) {
            r[d] = n * m;
            return 1;
        }
        r[d] = r[a] + n * m;
        return 2;
    }

    private int dspMultiply(int raw) {
        if (!dsp) {
            throw undefined(raw, true);
        }
        int hw1 = raw >>> 16;
        int op1 = (hw1 >>> 4) & 7;
        int n = r[hw1 & 15];
        int m = r[raw & 15];
        int a = (raw >>> 12) & 15;
        int d = (raw >>> 8) & 15;
        boolean acc = a != 15;
        int ra = acc ? r[a] : 0;
        boolean bit5 = (raw & 0x20) != 0;
        boolean bit4 = (raw & 0x10) != 0;
        switch (op1) {
            case 1: { // SMLA<x><y> / SMUL<x><y>
                int x = bit5 ? n >> 16 : (short) n;
                int y = bit4 ? m >> 16 : (short) m;
                long res = (long) x * y + ra;
                r[d] = (int) res;
                if (acc && res != (int) res) {
                    fq = true;
                }
                return acc ? 2 : 1;
            }
            case 2:
            case 4: { // SMLAD / SMUAD, SMLSD / SMUSD (X = bit4)
                if (bit5) {
                    throw undefined(raw, true);
                }
                int mm = bit4 ? Integer.rotateRight(m, 16) : m;
                long p1 = (long) (short) n * (short) mm;
                long p2 = (long) (n >> 16) * (mm >> 16);
                long res = (op1 == 2 ? p1 + p2 : p1 - p2) + ra;
                r[d] = (int) res;
                if (res != (int) res) {
                    fq = true;
                }
                return 2;
            }
            case 3: { // SMLAW<y> / SMULW<y>
                if (bit5) {
                    throw undefined(raw, true);
                }
                int y = bit4 ? m >> 16 : (short) m;
                long res = (((long) n * y) >> 16) + ra;
                r[d] = (int) res;
                if (acc && res != (int) res) {
                    fq = true;
                }
                return 2;
            }
            case 5:
            case 6: { // SMMLA / SMMUL / SMMLS (R = bit4)
                if (bit5) {
                    throw undefined(raw, true);
                }
                long product = (long) n * m;
                long res = op1 == 5 ? ((long) ra << 32) + product : ((long) ra << 32) - product;
                if (bit4) {
                    res += 0x8000_0000L;
                }
                r[d] = (int) (res >> 32);
                return 2;
            }
            case 7: { // USADA8 / USAD8
                if (bit5 || bit4) {
                    throw undefined(raw, true);
                }
                r[d] = Dsp.usad8(n, m) + ra;
                return 1;
            }
            default:
                throw undefined(raw, true);
        }
    }

    private int longMultiply(int raw) {
        int hw1 = raw >>> 16;
        int op1 = (hw1 >>> 4) & 7;
        int op2 = (raw >>> 4) & 15;
        int n = r[hw1 & 15];
        int m = r[raw & 15];
        int lo = (raw >>> 12) & 15;
        int hi = (raw >>> 8) & 15;
        long acc = ((long) r[hi] << 32) | (r[lo] & 0xFFFF_FFFFL);
        long res;
        int used;
        if (op1 == 0 && op2 == 0) {
            res = (long) n * m;
            used = small(n, m) ? 3 : 5;
        } else if (op1 == 2 && op2 == 0) {
            res = (n & 0xFFFF_FFFFL) * (m & 0xFFFF_FFFFL);
            used = (n >>> 16) == 0 && (m >>> 16) == 0 ? 3 : 5;
        } else if (op1 == 4 && op2 == 0) {
            res = acc + (long) n * m;
            used = 5;
        } else if (op1 == 6 && op2 == 0) {
            res = acc + (n & 0xFFFF_FFFFL) * (m & 0xFFFF_FFFFL);
            used = 5;
        } else if (!dsp) {
            throw undefined(raw, true);
        } else if (op1 == 4 && (op2 & 12) == 8) { // SMLAL<x><y>
            int x = (op2 & 2) != 0 ? n >> 16 : (short) n;
            int y = (op2 & 1) != 0 ? m >> 16 : (short) m;
            res = acc + (long) x * y;
            used = 3;
        } else if ((op1 == 4 || op1 == 5) && (op2 & 14) == 12) { // SMLALD / SMLSLD
            int mm = (op2 & 1) != 0 ? Integer.rotateRight(m, 16) : m;
            long p1 = (long) (short) n * (short) mm;
            long p2 = (long) (n >> 16) * (mm >> 16);
            res = acc + (op1 == 4 ? p1 + p2 : p1 - p2);
            used = 3;
        } else if (op1 == 6 && op2 == 6) { // UMAAL
            res = (n & 0xFFFF_FFFFL) * (m & 0xFFFF_FFFFL) + (r[hi] & 0xFFFF_FFFFL) + (r[lo] & 0xFFFF_FFFFL);
            used = 3;
        } else {
            throw undefined(raw, true);
        }
        r[lo] = (int) res;
        r[hi] = (int) (res >>> 32);
        return used;
    }

    private static boolean small(int a, int b) {
        return a == (short) a && b == (short) b;
    }

    private int divide(int raw) {
        int hw1 = raw >>> 16;
        int n = r[hw1 & 15];
        int m = r[raw & 15];
        int d = (raw >>> 8) & 15;
        boolean unsigned = ((hw1 >>> 4) & 7) == 3;
        if (m == 0) {
            if ((scs.regs.ccr & SystemControlSpace.DIV_0_TRP) != 0) {
                throw fault(USAGEFAULT, SystemControlSpace.DIVBYZERO, "divide by zero at PC=0x" + hex(pc));
            }
            r[d] = 0;
            return 2;
        }
        int q;
        if (unsigned) {
            q = Integer.divideUnsigned(n, m);
        } else {
            q = n == Integer.MIN_VALUE && m == -1 ? Integer.MIN_VALUE : n / m;
        }
        r[d] = q;
        int bits = 32 - Integer.numberOfLeadingZeros(unsigned ? q : Math.abs(q));
        return 2 + Math.min(10, (bits + 2) / 3);
    }

    // =====================================================================================================
    // 32-bit loads and stores
    // =====================================================================================================

    private int loadStoreImm12(int raw) {
        int hw1 = raw >>> 16;
        int address = r[hw1 & 15] + (raw & 0xFFF);
        return loadOrStore(hw1, (raw >>> 12) & 15, address, -1, 0);
    }

    private int loadStoreImm8(int raw) {
        int hw1 = raw >>> 16;
        int n = hw1 & 15;
        int base = r[n];
        int imm = raw & 0xFF;
        int offsetAddress = (raw & 0x200) != 0 ? base + imm : base - imm;
        int address = (raw & 0x400) != 0 ? offsetAddress : base;
        return loadOrStore(hw1, (raw >>> 12) & 15, address, (raw & 0x100) != 0 ? n : -1, offsetAddress);
    }

    private int loadStoreReg(int raw) {
        int hw1 = raw >>> 16;
        int address = r[hw1 & 15] + (r[raw & 15] << ((raw >>> 4) & 3));
        return loadOrStore(hw1, (raw >>> 12) & 15, address, -1, 0);
    }

    private int loadLiteral32(int raw) {
        int hw1 = raw >>> 16;
        int base = r[15] & ~3;
        int imm = raw & 0xFFF;
        int address = (hw1 & 0x80) != 0 ? base + imm : base - imm;
        return loadOrStore(hw1, (raw >>> 12) & 15, address, -1, 0);
    }

    private int loadOrStore(int hw1, int t, int address, int writebackReg, int writebackValue) {
        int size = (hw1 >>> 5) & 3;
        if ((hw1 & 0x10) == 0) {
            storeSized(address, r[t], size);
            if (writebackReg >= 0) {
                r[writebackReg] = writebackValue;
            }
            return 1;
        }
        int value = loadSized(address, size, (hw1 & 0x100) != 0);
        if (writebackReg >= 0) {
            r[writebackReg] = writebackValue;
        }
        if (t == 15) {
            loadWritePc(value);
            return 4;
        }
        r[t] = t == 13 ? value & ~3 : value;
        return 2;
    }

    private int ldm32(int raw) {
        int hw1 = raw >>> 16;
        int n = hw1 & 15;
        boolean writeback = (hw1 & 0x20) != 0;
        boolean load = (hw1 & 0x10) != 0;
        boolean decrement = ((hw1 >>> 7) & 3) == 2;
        int list = raw & 0xFFFF;
        int count = Integer.bitCount(list);
        int base = r[n];
        int start = decrement ? base - 4 * count : base;
        int newBase = decrement ? base - 4 * count : base + 4 * count;
        if (load) {
            return loadMultiple(n, start, list, writeback && (list & (1 << n)) == 0, newBase);
        }
        return storeMultiple(n, start, list, writeback, newBase);
    }

    private int ldrdStrd(int raw) {
        int hw1 = raw >>> 16;
        int n = hw1 & 15;
        int t = (raw >>> 12) & 15;
        int t2 = (raw >>> 8) & 15;
        int imm = (raw & 0xFF) << 2;
        int base = n == 15 ? r[15] & ~3 : r[n];
        int offsetAddress = (hw1 & 0x80) != 0 ? base + imm : base - imm;
        int address = (hw1 & 0x100) != 0 ? offsetAddress : base;
        if ((address & 3) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned LDRD/STRD at 0x" + hex(address));
        }
        if ((hw1 & 0x10) != 0) {
            int v1 = read32(address);
            int v2 = read32(address + 4);
            if ((hw1 & 0x20) != 0) {
                r[n] = offsetAddress;
            }
            r[t] = v1;
            r[t2] = v2;
        } else {
            write32(address, r[t]);
            write32(address + 4, r[t2]);
            if ((hw1 & 0x20) != 0) {
                r[n] = offsetAddress;
            }
        }
        return 3;
    }

    private int ldrex(int raw) {
        int address = r[(raw >>> 16) & 15] + ((raw & 0xFF) << 2);
        if ((address & 3) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned LDREX at 0x" + hex(address));
        }
        r[(raw >>> 12) & 15] = read32(address);
        exclusive = true;
        exclusiveAddress = address;
        return 2;
    }

    private int strex(int raw) {
        int address = r[(raw >>> 16) & 15] + ((raw & 0xFF) << 2);
        if ((address & 3) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned STREX at 0x" + hex(address));
        }
        int d = (raw >>> 8) & 15;
        if (exclusive && exclusiveAddress == address) {
            write32(address, r[(raw >>> 12) & 15]);
            r[d] = 0;
        } else {
            r[d] = 1;
        }
        exclusive = false;
        return 2;
    }

    private int ldrexbh(int raw) {
        int address = r[(raw >>> 16) & 15];
        boolean half = (raw & 0x10) != 0;
        if (half && (address & 1) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned LDREXH at 0x" + hex(address));
        }
        r[(raw >>> 12) & 15] = half ? read16(address) : read8(address);
        exclusive = true;
        exclusiveAddress = address;
        return 2;
    }

    private int strexbh(int raw) {
        int address = r[(raw >>> 16) & 15];
        boolean half = (raw & 0x10) != 0;
        if (half && (address & 1) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned STREXH at 0x" + hex(address));
        }
        int d = raw & 15;
        if (exclusive && exclusiveAddress == address) {
            int v = r[(raw >>> 12) & 15];
            if (half) {
                write16(address, v);
            } else {
                write8(address, v);
            }
            r[d] = 0;
        } else {
            r[d] = 1;
        }
        exclusive = false;
        return 2;
    }

    // =====================================================================================================
    // Coprocessor space, undefined and unimplemented encodings
    // =====================================================================================================

    private int coprocessor(int raw) {
        int cp = (raw >>> 8) & 15;
        if ((cp == 10 || cp == 11) && fpu != null && fpAccessible()) {
            return fpInstructions.execute(raw);
        }
        throw fault(USAGEFAULT, SystemControlSpace.NOCP,
                "coprocessor " + cp + " instruction without access at PC=0x" + hex(pc) + " encoding=0x" + hex(raw)
                        + (fpu != null && (cp == 10 || cp == 11)
                        ? " (CPACR = 0x" + hex(scs.regs.cpacr) + ": CP10/CP11 access not granted"
                        + (privileged() ? "" : " to unprivileged code") + ")" : ""));
    }

    // =====================================================================================================
    // Floating-point extension (Cortex-M4F): hooks for FpInstructions, ExecuteFPCheck, lazy preservation
    // =====================================================================================================

    /** CheckVFPEnabled: CPACR.CP10 grants full access (0b11), or privileged access (0b01) to privileged code. */
    private boolean fpAccessible() {
        int cp10 = (scs.regs.cpacr >>> 20) & 3;
        return cp10 == 3 || (cp10 == 1 && privileged());
    }

    /**
     * The rest of ExecuteFPCheck, run by every floating-point instruction before it changes state: a pending lazy
     * preservation (FPCCR.LSPACT) stores S0..S15 and FPSCR into the space reserved at FPCAR, and with FPCCR.ASPEN
     * the first instruction of a new context sets CONTROL.FPCA and sets FPSCR to FPDSCR (AHP/DN/FZ/RMode from it,
     * NZCV and the cumulative flags clear), as the ARMv8-M pseudocode (FPSCR = FPDSCR) and Unicorn do.
     */
    void fpEnter() {
        if ((fpu.fpccr & FloatingPointUnit.LSPACT) != 0) {
            preserveFpState();
        }
        if ((fpu.fpccr & FloatingPointUnit.ASPEN) != 0 && (control & CONTROL_FPCA) == 0) {
            fpu.setFpscr(fpu.fpdscr); // a new context: FPDSCR's modes, flags and NZCV clear
            control |= CONTROL_FPCA;
        }
    }

    /** PreserveFPState: the lazily deferred part of an extended exception frame. */
    private void preserveFpState() {
        int address = fpu.fpcar;
        try {
            for (int i = 0; i < 16; i++) {
                write32(address + 4 * i, fpu.s[i]);
            }
            write32(address + 0x40, fpu.fpscr());
        } catch (BusFault f) {
            scs.regs.bfar = f.address();
            throw fault(BUSFAULT, SystemControlSpace.LSPERR, "bus error during lazy floating-point state preservation"
                    + " at 0x" + hex(f.address()) + " (FPCAR 0x" + hex(address) + ")");
        }
        fpu.fpccr &= ~FloatingPointUnit.LSPACT;
    }

    int fpRead32(int address) {
        return read32(address);
    }

    void fpWrite32(int address, int value) {
        write32(address, value);
    }

    FaultSignal fpUndefined(int raw) {
        return undefined(raw, true);
    }

    FaultSignal fpUnaligned(int address) {
        return fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned floating-point load/store at 0x"
                + hex(address) + " (PC=0x" + hex(pc) + ")");
    }

    /** VMRS APSR_nzcv, FPSCR. */
    void fpSetNzcv(int fpscr) {
        fn = fpscr < 0;
        fz = (fpscr & (1 << 30)) != 0;
        fc = (fpscr & (1 << 29)) != 0;
        fv = (fpscr & (1 << 28)) != 0;
    }

    private FaultSignal undefined(int raw, boolean wide) {
        return fault(USAGEFAULT, SystemControlSpace.UNDEFINSTR,
                "undefined instruction at PC=0x" + hex(pc) + " encoding=0x" + encoding(raw, wide));
    }

    private int unimplemented(int raw, boolean wide) {
        return halt("unimplemented instruction at PC=0x" + hex(pc) + " encoding=0x" + encoding(raw, wide));
    }

    private static String encoding(int raw, boolean wide) {
        return wide ? hex(raw) : String.format("%04X", raw & 0xFFFF);
    }

    private int halt(String reason) {
        nextPc = pc;
        state = CoreState.HALTED;
        haltReason = reason;
        attention = true;
        faultListener.fault("halted", pc, reason);
        return 0;
    }

    // =====================================================================================================
    // Memory access (data side)
    // =====================================================================================================

    private static boolean isPrivatePeripheral(int address) {
        return (address >>> 18) == (0xE000_0000 >>> 18);
    }

    private int loadSized(int address, int size, boolean signed) {
        switch (size) {
            case 0: return signed ? (byte) read8(address) : read8(address);
            case 1: return signed ? (short) read16(address) : read16(address);
            default: return read32(address);
        }
    }

    private void storeSized(int address, int value, int size) {
        switch (size) {
            case 0: write8(address, value); break;
            case 1: write16(address, value); break;
            default: write32(address, value); break;
        }
    }

    private int read32(int address) {
        if ((address & 3) != 0) {
            unalignedCheck(address);
            return read8(address) | (read8(address + 1) << 8) | (read8(address + 2) << 16) | (read8(address + 3) << 24);
        }
        if (isPrivatePeripheral(address)) {
            return privateRead(address, 4);
        }
        return bus.read32(address);
    }

    private int read16(int address) {
        if ((address & 1) != 0) {
            unalignedCheck(address);
            return read8(address) | (read8(address + 1) << 8);
        }
        if (isPrivatePeripheral(address)) {
            return privateRead(address, 2);
        }
        return bus.read16(address) & 0xFFFF;
    }

    private int read8(int address) {
        if (isPrivatePeripheral(address)) {
            return privateRead(address, 1);
        }
        return bus.read8(address) & 0xFF;
    }

    private void write32(int address, int value) {
        if ((address & 3) != 0) {
            unalignedCheck(address);
            for (int i = 0; i < 4; i++) {
                write8(address + i, value >>> (8 * i));
            }
            return;
        }
        if (isPrivatePeripheral(address)) {
            privateWrite(address, value, 4);
            return;
        }
        bus.write32(address, value);
        if (cache.mayHoldCode(address)) {
            storeHitCode(address, 4);
        }
    }

    private void write16(int address, int value) {
        if ((address & 1) != 0) {
            unalignedCheck(address);
            write8(address, value);
            write8(address + 1, value >>> 8);
            return;
        }
        if (isPrivatePeripheral(address)) {
            privateWrite(address, value & 0xFFFF, 2);
            return;
        }
        bus.write16(address, value & 0xFFFF);
        if (cache.mayHoldCode(address)) {
            storeHitCode(address, 2);
        }
    }

    private void write8(int address, int value) {
        if (isPrivatePeripheral(address)) {
            privateWrite(address, value & 0xFF, 1);
            return;
        }
        bus.write8(address, value & 0xFF);
        if (cache.mayHoldCode(address)) {
            storeHitCode(address, 1);
        }
    }

    private void storeHitCode(int address, int length) {
        cache.invalidate(address, length);
        memoKey = -1;
        attention = true; // the interpreter loop holds the page in a local: make it look again
    }

    private void unalignedCheck(int address) {
        if ((scs.regs.ccr & SystemControlSpace.UNALIGN_TRP) != 0) {
            throw fault(USAGEFAULT, SystemControlSpace.UNALIGNED, "unaligned access to 0x" + hex(address));
        }
    }

    private int privateRead(int address, int size) {
        if (!privileged()) {
            throw new BusFault(address, false, "unprivileged access to the System Control Space");
        }
        return scs.read(address, size);
    }

    private void privateWrite(int address, int value, int size) {
        boolean stir = (address & ~3) == 0xE000_EF00
                && (scs.regs.ccr & SystemControlSpace.USERSETMPEND) != 0;
        if (!privileged() && !stir) {
            throw new BusFault(address, true, "unprivileged access to the System Control Space");
        }
        scs.write(address, value, size);
    }

    // =====================================================================================================
    // Exceptions
    // =====================================================================================================

    /** Execution priority: active exceptions, BASEPRI, PRIMASK (optional) and FAULTMASK boosts; 256 = none. */
    private int executionPriority(boolean respectPrimask) {
        int p = nvic.activePriority();
        if (basepri != 0) {
            p = Math.min(p, nvic.groupPriority(basepri));
        }
        if (respectPrimask && primask != 0) {
            p = Math.min(p, 0);
        }
        if (faultmask != 0) {
            p = Math.min(p, -1);
        }
        return p;
    }

    private void serviceAttention() {
        attention = false;
        if (state != CoreState.RUNNING) {
            return;
        }
        if (!tbit) {
            pendFault(USAGEFAULT, SystemControlSpace.INVSTATE,
                    "execution with EPSR.T = 0 (interworking address without bit 0) at PC=0x" + hex(pc));
            if (state != CoreState.RUNNING) {
                return;
            }
        }
        int exc = nvic.highestPending();
        if (exc != 0 && nvic.groupPriorityOf(exc) < executionPriority(true)) {
            exceptionEntry(exc);
        }
    }

    private FaultSignal fault(int exception, int cfsrBits, String detail) {
        pendFault(exception, cfsrBits, detail);
        return faultSignal;
    }

    private void pendFault(int exception, int cfsrBits, String detail) {
        scs.regs.cfsr |= cfsrBits;
        faultListener.fault(exception == MEMMANAGE ? "memmanage" : exception == BUSFAULT ? "busfault" : "usagefault",
                pc, detail);
        if (!nvic.enabled[exception] || nvic.groupPriorityOf(exception) >= executionPriority(true)) {
            escalateToHardFault(detail);
            return;
        }
        nvic.pending[exception] = true;
        attention = true;
    }

    private void escalateToHardFault(String detail) {
        if (executionPriority(true) <= -1) {
            lockup(detail);
            return;
        }
        scs.regs.hfsr |= SystemControlSpace.FORCED;
        faultListener.fault("hardfault", pc, "escalated: " + detail);
        nvic.pending[HARDFAULT] = true;
        attention = true;
    }

    private void dataBusFault(BusFault f) {
        scs.regs.bfar = f.address();
        pendFault(BUSFAULT, SystemControlSpace.PRECISERR | SystemControlSpace.BFARVALID,
                "precise data bus error " + (f.isWrite() ? "writing" : "reading") + " 0x" + hex(f.address())
                        + " at PC=0x" + hex(pc) + ": " + f.getMessage());
    }

    private void lockup(String detail) {
        state = CoreState.LOCKED_UP;
        haltReason = "lockup at PC=0x" + hex(pc) + ": " + detail;
        attention = true;
        faultListener.fault("lockup", pc, haltReason);
    }

    /**
     * PushStack and ExceptionTaken. With CONTROL.FPCA set the frame is extended (0x68 bytes, always 8-byte aligned):
     * S0..S15 and FPSCR are stored at once when FPCCR.LSPEN is clear; with LSPEN set (the reset value) the space is
     * only reserved and FPCAR/FPCCR record it, so the handler's first floating-point instruction stores them
     * ({@link #fpEnter}), as on silicon. EXC_RETURN bit 4 is clear for an extended frame; FPCA is cleared.
     */
    private void exceptionEntry(int exc) {
        int returnAddress = pc;
        int sp = r[13];
        boolean extended = fpu != null && (control & CONTROL_FPCA) != 0;
        boolean forceAlign = extended || (scs.regs.ccr & SystemControlSpace.STKALIGN) != 0;
        boolean realigned = forceAlign && (sp & 4) != 0;
        int frame = (sp - (extended ? 0x68 : 0x20)) & (forceAlign ? ~7 : ~3);
        int savedPsr = (xpsr() & ~(1 << 9)) | (realigned ? 1 << 9 : 0);
        int excReturn = (ipsr != 0 ? 0xFFFF_FFF1 : onPsp ? 0xFFFF_FFFD : 0xFFFF_FFF9) & (extended ? ~0x10 : -1);
        int target = exc;
        r[13] = frame;
        try {
            write32(frame, r[0]);
            write32(frame + 4, r[1]);
            write32(frame + 8, r[2]);
            write32(frame + 12, r[3]);
            write32(frame + 16, r[12]);
            write32(frame + 20, r[14]);
            write32(frame + 24, returnAddress);
            write32(frame + 28, savedPsr);
            if (extended) {
                if ((fpu.fpccr & FloatingPointUnit.LSPEN) == 0) {
                    for (int i = 0; i < 16; i++) {
                        write32(frame + 0x20 + 4 * i, fpu.s[i]);
                    }
                    write32(frame + 0x60, fpu.fpscr());
                    cycles += EAGER_FP_STACKING_CYCLES;
                } else {
                    reserveLazyFpState(frame);
                }
            }
        } catch (BusFault | FaultSignal f) {
            String detail = "stacking error for exception " + exc + " at SP=0x" + hex(frame);
            if (exc <= HARDFAULT || executionPriority(true) <= -1) {
                lockup(detail);
                return;
            }
            scs.regs.cfsr |= SystemControlSpace.STKERR;
            faultListener.fault("busfault", pc, detail);
            if (nvic.enabled[BUSFAULT] && nvic.groupPriorityOf(BUSFAULT) < executionPriority(true)
                    && nvic.groupPriorityOf(BUSFAULT) <= nvic.groupPriorityOf(exc)) {
                target = BUSFAULT;
            } else {
                scs.regs.hfsr |= SystemControlSpace.FORCED;
                faultListener.fault("hardfault", pc, "escalated: " + detail);
                target = HARDFAULT;
            }
        }
        int vector;
        while (true) {
            try {
                vector = bus.read32(scs.regs.vtor + 4 * target);
                break;
            } catch (BusFault f) {
                String detail = "vector fetch failed for exception " + target + " at 0x"
                        + hex(scs.regs.vtor + 4 * target);
                if (target <= HARDFAULT) {
                    lockup(detail);
                    return;
                }
                scs.regs.hfsr |= SystemControlSpace.VECTTBL;
                faultListener.fault("hardfault", pc, detail);
                target = HARDFAULT;
            }
        }
        if (target == HARDFAULT && exc != HARDFAULT) {
            nvic.pending[HARDFAULT] = false;
        }
        nvic.pending[target] = false;
        nvic.active[target] = true;
        ipsr = target;
        control &= ~(2 | CONTROL_FPCA);
        selectStack(false);
        r[14] = excReturn;
        it = 0;
        tbit = (vector & 1) != 0;
        pc = vector & ~1;
        exclusive = false;
        eventRegister = true;
        cycles += 12;
        attention = true;
    }

    /** UpdateFPCCR: where the lazily preserved state goes and the context it was reserved in. */
    private void reserveLazyFpState(int frame) {
        int priority = executionPriority(true);
        int ccr = fpu.fpccr & ~(FloatingPointUnit.LSPACT | FloatingPointUnit.USER | FloatingPointUnit.THREAD
                | FloatingPointUnit.HFRDY | FloatingPointUnit.MMRDY | FloatingPointUnit.BFRDY | FloatingPointUnit.MONRDY);
        ccr |= FloatingPointUnit.LSPACT;
        ccr |= privileged() ? 0 : FloatingPointUnit.USER;
        ccr |= ipsr == 0 ? FloatingPointUnit.THREAD : 0;
        ccr |= priority > -1 ? FloatingPointUnit.HFRDY : 0;
        ccr |= nvic.enabled[MEMMANAGE] && priority > nvic.groupPriorityOf(MEMMANAGE) ? FloatingPointUnit.MMRDY : 0;
        ccr |= nvic.enabled[BUSFAULT] && priority > nvic.groupPriorityOf(BUSFAULT) ? FloatingPointUnit.BFRDY : 0;
        ccr |= (scs.regs.demcr & (1 << 16)) != 0 && priority > nvic.groupPriority(scs.regs.shprDebugMonitor)
                ? FloatingPointUnit.MONRDY : 0;
        fpu.fpccr = ccr;
        fpu.fpcar = (frame + 0x20) & ~7;
    }

    private void exceptionReturn(int excReturn) {
        int returning = ipsr;
        int kind = excReturn & 0xF;
        boolean toThread;
        boolean toPsp;
        switch (kind) {
            case 0x1:
                toThread = false;
                toPsp = false;
                break;
            case 0x9:
                toThread = true;
                toPsp = false;
                break;
            case 0xD:
                toThread = true;
                toPsp = true;
                break;
            default:
                throw fault(USAGEFAULT, SystemControlSpace.INVPC, "invalid EXC_RETURN 0x" + hex(excReturn));
        }
        boolean extended = fpu != null && (excReturn & 0x10) == 0;
        int onesMask = fpu != null ? 0x0FFF_FFE0 : 0x0FFF_FFF0;
        if ((excReturn & onesMask) != onesMask || !nvic.active[returning]) {
            throw fault(USAGEFAULT, SystemControlSpace.INVPC, "invalid EXC_RETURN 0x" + hex(excReturn)
                    + " from exception " + returning);
        }
        int activeCount = nvic.activeCount();
        if (!toThread && activeCount == 1) {
            throw fault(USAGEFAULT, SystemControlSpace.INVPC, "EXC_RETURN to handler mode with no other active exception");
        }
        if (toThread && activeCount != 1 && (scs.regs.ccr & SystemControlSpace.NONBASETHRDENA) == 0) {
            throw fault(USAGEFAULT, SystemControlSpace.INVPC, "EXC_RETURN to thread mode with nested exceptions active");
        }
        int sp = toPsp ? psp() : msp();
        int[] frame = this.frame;
        boolean restoreFp = extended && (fpu.fpccr & FloatingPointUnit.LSPACT) == 0;
        try {
            for (int i = 0; i < 8; i++) {
                frame[i] = read32(sp + 4 * i);
            }
            if (restoreFp) {
                for (int i = 0; i < 17; i++) {
                    fpFrame[i] = read32(sp + 0x20 + 4 * i);
                }
            }
        } catch (BusFault f) {
            nvic.active[returning] = false;
            throw fault(BUSFAULT, SystemControlSpace.UNSTKERR, "unstacking error at SP=0x" + hex(sp));
        }
        nvic.active[returning] = false;
        if (returning != NMI) {
            faultmask = 0;
        }
        int psr = frame[7];
        boolean forceAlign = extended || (scs.regs.ccr & SystemControlSpace.STKALIGN) != 0;
        int newSp = sp + (extended ? 0x68 : 0x20) + ((psr & (1 << 9)) != 0 && forceAlign ? 4 : 0);
        if (extended) {
            if (restoreFp) {
                System.arraycopy(fpFrame, 0, fpu.s, 0, 16);
                fpu.setFpscr(fpFrame[16]);
            } else {
                fpu.fpccr &= ~FloatingPointUnit.LSPACT; // the registers still hold the interrupted context
            }
        }
        ipsr = 0; // temporarily thread-like so the stack selection below uses CONTROL.SPSEL
        control = (control & ~2) | (toPsp ? 2 : 0);
        if (fpu != null) {
            control = (control & ~CONTROL_FPCA) | (extended ? CONTROL_FPCA : 0);
        }
        selectStack(toPsp);
        r[13] = newSp;
        r[0] = frame[0];
        r[1] = frame[1];
        r[2] = frame[2];
        r[3] = frame[3];
        r[12] = frame[4];
        r[14] = frame[5];
        nextPc = frame[6] & ~1;
        fn = psr < 0;
        fz = (psr & (1 << 30)) != 0;
        fc = (psr & (1 << 29)) != 0;
        fv = (psr & (1 << 28)) != 0;
        fq = (psr & (1 << 27)) != 0;
        ge = dsp ? (psr >>> 16) & 15 : 0;
        it = ((psr >>> 25) & 3) | (((psr >>> 10) & 0x3F) << 2);
        tbit = (psr & (1 << 24)) != 0;
        ipsr = toThread ? 0 : psr & 0x1FF;
        if (!toThread && ipsr == 0) {
            ipsr = psr & 0x1FF;
        }
        exclusive = false;
        eventRegister = true;
        cycles += 10;
        attention = true;
        if (toThread && (scs.regs.scr & SystemControlSpace.SLEEPONEXIT) != 0 && !wakeConditionFor(false)) {
            sleepOnWfe = false;
            state = CoreState.SLEEPING;
        }
    }

    private static String hex(int v) {
        return String.format("%08X", v);
    }
}
