package dev.brickproof.emulator.cpu;

/**
 * The core's private peripheral bus registers: SCB (0xE000_ED00..), NVIC (0xE000_E100..), SysTick, ICTR,
 * STIR, CPACR, DEMCR, the DWT cycle counter (0xE000_1000/4) and, on the Cortex-M4F, the floating-point
 * context registers FPCCR, FPCAR, FPDSCR and the media and FP feature registers MVFR0/MVFR1. Other addresses in 0xE000_0000..0xE003_FFFF
 * read as zero and ignore writes. All accesses are handled as masked word accesses so byte writes to the
 * priority registers work and write-one-to-clear registers only clear the bytes written.
 */
final class SystemControlSpace {
    // CFSR bits
    static final int IACCVIOL = 1, DACCVIOL = 1 << 1, MUNSTKERR = 1 << 3, MSTKERR = 1 << 4, MMARVALID = 1 << 7;
    static final int IBUSERR = 1 << 8, PRECISERR = 1 << 9, UNSTKERR = 1 << 11, STKERR = 1 << 12,
            LSPERR = 1 << 13, BFARVALID = 1 << 15;
    static final int UNDEFINSTR = 1 << 16, INVSTATE = 1 << 17, INVPC = 1 << 18, NOCP = 1 << 19,
            UNALIGNED = 1 << 24, DIVBYZERO = 1 << 25;
    // HFSR bits
    static final int VECTTBL = 1 << 1, FORCED = 1 << 30;
    // CCR bits
    static final int NONBASETHRDENA = 1, USERSETMPEND = 2, UNALIGN_TRP = 8, DIV_0_TRP = 16, STKALIGN = 1 << 9;
    // SCR bits
    static final int SLEEPONEXIT = 2, SEVONPEND = 16;

    private final CortexM core;
    private final Nvic nvic;
    private final SysTick sysTick;
    private final boolean cortexM4;
    private final int cpuid;
    /** Null on the Cortex-M3. */
    private final FloatingPointUnit fpu;

    static final class Registers {
        int vtor;
        int scr;
        int ccr;
        int cfsr;
        int hfsr;
        int mmfar;
        int bfar;
        int afsr;
        int cpacr;
        int demcr;
        int dwtCtrl;
        int cyccntBase;
        long cyccntAnchor;
        int shprDebugMonitor;
        boolean resetRequested;

        Registers copy() {
            Registers r = new Registers();
            r.copyFrom(this);
            return r;
        }

        void copyFrom(Registers o) {
            vtor = o.vtor;
            scr = o.scr;
            ccr = o.ccr;
            cfsr = o.cfsr;
            hfsr = o.hfsr;
            mmfar = o.mmfar;
            bfar = o.bfar;
            afsr = o.afsr;
            cpacr = o.cpacr;
            demcr = o.demcr;
            dwtCtrl = o.dwtCtrl;
            cyccntBase = o.cyccntBase;
            cyccntAnchor = o.cyccntAnchor;
            shprDebugMonitor = o.shprDebugMonitor;
            resetRequested = o.resetRequested;
        }
    }

    final Registers regs = new Registers();

    SystemControlSpace(CortexM core, Nvic nvic, SysTick sysTick, boolean cortexM4, FloatingPointUnit fpu) {
        this.core = core;
        this.fpu = fpu;
        this.nvic = nvic;
        this.sysTick = sysTick;
        this.cortexM4 = cortexM4;
        this.cpuid = cortexM4 ? 0x410F_C241 : 0x411F_C231;
    }

    void reset() {
        Registers fresh = new Registers();
        fresh.ccr = cortexM4 ? STKALIGN : 0;
        regs.copyFrom(fresh);
    }

    int cpuid() {
        return cpuid;
    }

    private boolean cycleCounterRunning() {
        return (regs.demcr & (1 << 24)) != 0 && (regs.dwtCtrl & 1) != 0;
    }

    int cycleCounter(long now) {
        return cycleCounterRunning() ? regs.cyccntBase + (int) (now - regs.cyccntAnchor) : regs.cyccntBase;
    }

    private void freezeCycleCounter(long now) {
        regs.cyccntBase = cycleCounter(now);
        regs.cyccntAnchor = now;
    }

    /** Reads {@code size} bytes (1, 2 or 4) at {@code address}. */
    int read(int address, int size) {
        int shift = (address & 3) * 8;
        int word = readWord(address & ~3);
        if (size == 4) {
            return word;
        }
        return (word >>> shift) & (size == 1 ? 0xFF : 0xFFFF);
    }

    void write(int address, int value, int size) {
        int shift = (address & 3) * 8;
        int mask = size == 4 ? -1 : (size == 1 ? 0xFF : 0xFFFF) << shift;
        writeWord(address & ~3, (value << shift) & mask, mask);
    }

    private int readWord(int a) {
        long now = core.cycles();
        if (a >= 0xE000_E100 && a < 0xE000_E500) {
            return readNvic(a);
        }
        switch (a) {
            case 0xE000_1000:
                return (4 << 28) | (regs.dwtCtrl & 1);
            case 0xE000_1004:
                return cycleCounter(now);
            case 0xE000_E004:
                return Nvic.IRQ_COUNT / 32 - 1;
            case 0xE000_E010:
                core.catchUpTimers();
                return sysTick.read(0, now);
            case 0xE000_E014:
            case 0xE000_E018:
            case 0xE000_E01C:
                return sysTick.read(a - 0xE000_E010, now);
            case 0xE000_ED00:
                return cpuid;
            case 0xE000_ED04:
                return readIcsr();
            case 0xE000_ED08:
                return regs.vtor;
            case 0xE000_ED0C:
                return 0xFA05_0000 | (nvic.priorityGroup << 8);
            case 0xE000_ED10:
                return regs.scr;
            case 0xE000_ED14:
                return regs.ccr;
            case 0xE000_ED18:
                return bytesOf(4);
            case 0xE000_ED1C:
                return bytesOf(8);
            case 0xE000_ED20:
                return bytesOf(12);
            case 0xE000_ED24:
                return readShcsr();
            case 0xE000_ED28:
                return regs.cfsr;
            case 0xE000_ED2C:
                return regs.hfsr;
            case 0xE000_ED34:
                return regs.mmfar;
            case 0xE000_ED38:
                return regs.bfar;
            case 0xE000_ED3C:
                return regs.afsr;
            case 0xE000_ED88:
                return regs.cpacr;
            case 0xE000_EDFC:
                return regs.demcr;
            case 0xE000_EF34:
                return fpu == null ? 0 : fpu.fpccr;
            case 0xE000_EF38:
                return fpu == null ? 0 : fpu.fpcar;
            case 0xE000_EF3C:
                return fpu == null ? 0 : fpu.fpdscr;
            case 0xE000_EF40:
                return fpu == null ? 0 : FloatingPointUnit.MVFR0;
            case 0xE000_EF44:
                return fpu == null ? 0 : FloatingPointUnit.MVFR1;
            default:
                return 0;
        }
    }

    private int bytesOf(int firstException) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int n = firstException + i;
            int p = n == 12 ? regs.shprDebugMonitor : (n >= 4 && isConfigurable(n) ? nvic.priority[n] : 0);
            v |= (p & 0xFF) << (8 * i);
        }
        return v;
    }

    private static boolean isConfigurable(int n) {
        return n == 4 || n == 5 || n == 6 || n == 11 || n == 12 || n == 14 || n == 15;
    }

    private int readIcsr() {
        int v = core.ipsr() & 0x1FF;
        int pendingExc = nvic.highestPending();
        v |= (pendingExc & 0x1FF) << 12;
        if (nvic.anyIrqPending()) {
            v |= 1 << 22;
        }
        int active = nvic.activeCount();
        if (active <= 1) {
            v |= 1 << 11; // RETTOBASE
        }
        if (nvic.pending[15]) {
            v |= 1 << 26;
        }
        if (nvic.pending[14]) {
            v |= 1 << 28;
        }
        if (nvic.pending[2]) {
            v |= 1 << 31;
        }
        return v;
    }

    private int readShcsr() {
        int v = 0;
        v |= nvic.active[4] ? 1 : 0;
        v |= nvic.active[5] ? 1 << 1 : 0;
        v |= nvic.active[6] ? 1 << 3 : 0;
        v |= nvic.active[11] ? 1 << 7 : 0;
        v |= nvic.active[12] ? 1 << 8 : 0;
        v |= nvic.active[14] ? 1 << 10 : 0;
        v |= nvic.active[15] ? 1 << 11 : 0;
        v |= nvic.pending[6] ? 1 << 12 : 0;
        v |= nvic.pending[4] ? 1 << 13 : 0;
        v |= nvic.pending[5] ? 1 << 14 : 0;
        v |= nvic.pending[11] ? 1 << 15 : 0;
        v |= nvic.enabled[4] ? 1 << 16 : 0;
        v |= nvic.enabled[5] ? 1 << 17 : 0;
        v |= nvic.enabled[6] ? 1 << 18 : 0;
        return v;
    }

    private int readNvic(int a) {
        int group = (a - 0xE000_E100) >>> 7; // 0 ISER, 1 ICER, 2 ISPR, 3 ICPR, 4 IABR, 5.. reserved, 6+ IPR
        if (a >= 0xE000_E400) {
            int first = 16 + (a - 0xE000_E400);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                if (first + i < Nvic.EXCEPTION_COUNT) {
                    v |= (nvic.priority[first + i] & 0xFF) << (8 * i);
                }
            }
            return v;
        }
        int wordIndex = ((a - 0xE000_E100) & 0x7F) >>> 2;
        if (wordIndex >= Nvic.IRQ_COUNT / 32) {
            return 0;
        }
        boolean[] bits;
        switch (group) {
            case 0:
            case 1:
                bits = nvic.enabled;
                break;
            case 2:
            case 3:
                bits = nvic.pending;
                break;
            case 4:
                bits = nvic.active;
                break;
            default:
                return 0;
        }
        int v = 0;
        for (int i = 0; i < 32; i++) {
            if (bits[16 + wordIndex * 32 + i]) {
                v |= 1 << i;
            }
        }
        return v;
    }

    private static int merge(int old, int value, int mask) {
        return (old & ~mask) | (value & mask);
    }

    private void writeWord(int a, int v, int mask) {
        long now = core.cycles();
        if (a >= 0xE000_E100 && a < 0xE000_E500) {
            writeNvic(a, v, mask);
            core.requestAttention();
            return;
        }
        switch (a) {
            case 0xE000_1000:
                freezeCycleCounter(now);
                regs.dwtCtrl = merge(regs.dwtCtrl, v, mask) & 1;
                break;
            case 0xE000_1004:
                regs.cyccntBase = merge(cycleCounter(now), v, mask);
                regs.cyccntAnchor = now;
                break;
            case 0xE000_E010:
            case 0xE000_E014:
            case 0xE000_E018: {
                core.catchUpTimers();
                int off = a - 0xE000_E010;
                int old = off == 0 ? 0 : sysTick.read(off, now);
                sysTick.write(off, off == 0 ? v : merge(old, v, mask), now);
                core.timersChanged();
                break;
            }
            case 0xE000_ED04:
                writeIcsr(v);
                break;
            case 0xE000_ED08:
                regs.vtor = merge(regs.vtor, v, mask) & 0x3FFF_FF80;
                break;
            case 0xE000_ED0C:
                if (mask == -1 && (v >>> 16) == 0x05FA) {
                    nvic.priorityGroup = (v >>> 8) & 7;
                    if ((v & 5) != 0) {
                        regs.resetRequested = true;
                    }
                    core.requestAttention();
                }
                break;
            case 0xE000_ED10:
                regs.scr = merge(regs.scr, v, mask) & 0x16;
                break;
            case 0xE000_ED14:
                regs.ccr = merge(regs.ccr, v, mask) & 0x31B;
                break;
            case 0xE000_ED18:
            case 0xE000_ED1C:
            case 0xE000_ED20:
                writeShpr(4 + (a - 0xE000_ED18), v, mask);
                core.requestAttention();
                break;
            case 0xE000_ED24:
                writeShcsr(merge(readShcsr(), v, mask));
                core.requestAttention();
                break;
            case 0xE000_ED28:
                regs.cfsr &= ~(v & mask);
                break;
            case 0xE000_ED2C:
                regs.hfsr &= ~(v & mask);
                break;
            case 0xE000_ED34:
                regs.mmfar = merge(regs.mmfar, v, mask);
                break;
            case 0xE000_ED38:
                regs.bfar = merge(regs.bfar, v, mask);
                break;
            case 0xE000_ED3C:
                regs.afsr &= ~(v & mask);
                break;
            case 0xE000_ED88:
                if (cortexM4) {
                    regs.cpacr = merge(regs.cpacr, v, mask) & 0x00F0_0000;
                }
                break;
            case 0xE000_EDFC:
                freezeCycleCounter(now);
                regs.demcr = merge(regs.demcr, v, mask) & 0x010F_07F1;
                break;
            case 0xE000_EF34:
                if (fpu != null) {
                    fpu.fpccr = merge(fpu.fpccr, v, mask) & FloatingPointUnit.FPCCR_WRITABLE;
                }
                break;
            case 0xE000_EF38:
                if (fpu != null) {
                    fpu.fpcar = merge(fpu.fpcar, v, mask) & ~7;
                }
                break;
            case 0xE000_EF3C:
                if (fpu != null) {
                    fpu.fpdscr = merge(fpu.fpdscr, v, mask) & FloatingPointUnit.FPDSCR_MASK;
                }
                break;
            case 0xE000_EF00:
                if ((mask & 0x1FF) != 0) {
                    int irq = v & 0x1FF;
                    if (irq < Nvic.IRQ_COUNT) {
                        nvic.pending[16 + irq] = true;
                        core.requestAttention();
                    }
                }
                break;
            default:
                break;
        }
    }

    private void writeIcsr(int v) {
        if ((v & (1 << 31)) != 0) {
            nvic.pending[2] = true;
        }
        if ((v & (1 << 28)) != 0) {
            nvic.pending[14] = true;
        } else if ((v & (1 << 27)) != 0) {
            nvic.pending[14] = false;
        }
        if ((v & (1 << 26)) != 0) {
            nvic.pending[15] = true;
        } else if ((v & (1 << 25)) != 0) {
            nvic.pending[15] = false;
        }
        core.requestAttention();
    }

    private void writeShpr(int firstException, int v, int mask) {
        for (int i = 0; i < 4; i++) {
            if (((mask >>> (8 * i)) & 0xFF) == 0) {
                continue;
            }
            int n = firstException + i;
            int p = (v >>> (8 * i)) & 0xFF;
            if (n == 12) {
                regs.shprDebugMonitor = p & nvic.priorityMask();
            } else if (isConfigurable(n)) {
                nvic.setPriority(n, p);
            }
        }
    }

    private void writeShcsr(int v) {
        nvic.active[4] = (v & 1) != 0;
        nvic.active[5] = (v & (1 << 1)) != 0;
        nvic.active[6] = (v & (1 << 3)) != 0;
        nvic.active[11] = (v & (1 << 7)) != 0;
        nvic.active[12] = (v & (1 << 8)) != 0;
        nvic.active[14] = (v & (1 << 10)) != 0;
        nvic.active[15] = (v & (1 << 11)) != 0;
        nvic.pending[6] = (v & (1 << 12)) != 0;
        nvic.pending[4] = (v & (1 << 13)) != 0;
        nvic.pending[5] = (v & (1 << 14)) != 0;
        nvic.pending[11] = (v & (1 << 15)) != 0;
        nvic.enabled[4] = (v & (1 << 16)) != 0;
        nvic.enabled[5] = (v & (1 << 17)) != 0;
        nvic.enabled[6] = (v & (1 << 18)) != 0;
    }

    private void writeNvic(int a, int v, int mask) {
        if (a >= 0xE000_E400) {
            int first = 16 + (a - 0xE000_E400);
            for (int i = 0; i < 4; i++) {
                if (((mask >>> (8 * i)) & 0xFF) != 0 && first + i < Nvic.EXCEPTION_COUNT) {
                    nvic.setPriority(first + i, (v >>> (8 * i)) & 0xFF);
                }
            }
            return;
        }
        int group = (a - 0xE000_E100) >>> 7;
        int wordIndex = ((a - 0xE000_E100) & 0x7F) >>> 2;
        if (wordIndex >= Nvic.IRQ_COUNT / 32) {
            return;
        }
        int bits = v & mask;
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) == 0) {
                continue;
            }
            int n = 16 + wordIndex * 32 + i;
            switch (group) {
                case 0:
                    nvic.enabled[n] = true;
                    break;
                case 1:
                    nvic.enabled[n] = false;
                    break;
                case 2:
                    nvic.pending[n] = true;
                    break;
                case 3:
                    nvic.pending[n] = false;
                    break;
                default:
                    break;
            }
        }
    }
}
