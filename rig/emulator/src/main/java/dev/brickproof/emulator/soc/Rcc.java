package dev.brickproof.emulator.soc;

/**
 * Reset and clock control at 0x4002_1000, F1 or L4 layout. Oscillators and the PLL become ready as soon as
 * they are switched on; CFGR.SWS follows SW as soon as the selected source is ready. SYSCLK, HCLK and the APB
 * clocks are derived from the registers (HSE assumed 8 MHz, the usual crystal). Reset flags in CSR follow
 * fact sheet §2.4: set by {@link #recordReset}, cleared by RMVF, all cleared by a power-on reset first.
 * Peripheral clock gating and resets: a peripheral {@link #attach attached} with its enable and reset bits
 * answers only while its clock is enabled (reads 0, ignores writes otherwise, as on silicon), and setting its
 * bit in a reset register resets it (it then ignores writes until the bit is cleared again). L4 USART1's
 * kernel clock follows CCIPR.USART1SEL (PCLK2, SYSCLK, HSI16, LSE; a source that is off gives no clock).
 */
public final class Rcc implements Peripheral, SocBus.ClockGate {
    public static final long HSE_HZ = 8_000_000L;
    private static final long[] MSI_HZ = {100_000, 200_000, 400_000, 800_000, 1_000_000, 2_000_000, 4_000_000,
        8_000_000, 16_000_000, 24_000_000, 32_000_000, 48_000_000};

    /** RM0394 register map (MSI, PLLCFGR, AHB1/2/3, CCIPR) rather than RM0008's. */
    private final boolean l4Registers;
    private final Runnable clockChanged;
    private Runnable gateChanged = () -> { };
    private State s;

    private static final class State implements Cloneable {
        int[] regs = new int[0x100 / 4];

        State copy() {
            try {
                State c = (State) super.clone();
                c.regs = regs.clone();
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    // F1
    static final int F1_CR = 0x00, F1_CFGR = 0x04, F1_APB2RSTR = 0x0C, F1_APB1RSTR = 0x10, F1_AHBENR = 0x14,
            F1_APB2ENR = 0x18, F1_APB1ENR = 0x1C, F1_BDCR = 0x20, F1_CSR = 0x24;
    // L4
    static final int L4_CR = 0x00, L4_ICSCR = 0x04, L4_CFGR = 0x08, L4_PLLCFGR = 0x0C, L4_AHB1RSTR = 0x28,
            L4_AHB2RSTR = 0x2C, L4_AHB3RSTR = 0x30, L4_APB1RSTR1 = 0x38, L4_APB1RSTR2 = 0x3C, L4_APB2RSTR = 0x40,
            L4_AHB1ENR = 0x48, L4_AHB2ENR = 0x4C, L4_AHB3ENR = 0x50, L4_APB1ENR1 = 0x58, L4_APB1ENR2 = 0x5C,
            L4_APB2ENR = 0x60, L4_CCIPR = 0x88, L4_BDCR = 0x90, L4_CSR = 0x94;
    public static final long LSE_HZ = 32_768L;

    /** Where a peripheral's clock-enable bit and (if it has one) its reset bit live. */
    private record Line(int enableOffset, int enableBit, int resetOffset, int resetBit) { }

    private final java.util.Map<Peripheral, Line> lines = new java.util.IdentityHashMap<>();

    public Rcc(SocFamily family, Runnable clockChanged) {
        this.l4Registers = family == SocFamily.L4;
        this.clockChanged = clockChanged;
        this.s = fresh(0);
    }

    private State fresh(int csr) {
        State n = new State();
        if (l4Registers) {
            n.regs[L4_CR / 4] = 0x0000_0063;
            n.regs[L4_ICSCR / 4] = 0x1000_0000;
            n.regs[L4_PLLCFGR / 4] = 0x0000_1000;
            n.regs[L4_AHB1ENR / 4] = 0x0000_0100;
            n.regs[L4_AHB3ENR / 4] = 0;
            n.regs[L4_CSR / 4] = (csr & 0xFF80_0000) | 0x0000_0600;
        } else {
            n.regs[F1_CR / 4] = 0x0000_0083;
            n.regs[F1_AHBENR / 4] = 0x0000_0014;
            n.regs[F1_CSR / 4] = csr & 0xFF00_0000;
        }
        return n;
    }

    @Override
    public String name() {
        return "RCC";
    }

    @Override
    public int base() {
        return 0x4002_1000;
    }

    @Override
    public int size() {
        return 0x400;
    }

    private int reg(int offset) {
        return s.regs[offset / 4];
    }

    // ---------------------------------------------------------------- gating and peripheral resets

    /**
     * Gates {@code p} by bit {@code enableBit} of the enable register at {@code enableOffset}, and resets it
     * through bit {@code resetBit} of the reset register at {@code resetOffset} (-1: it has no reset bit).
     */
    public void attach(Peripheral p, int enableOffset, int enableBit, int resetOffset, int resetBit) {
        lines.put(p, new Line(enableOffset, enableBit, resetOffset, resetBit));
    }

    @Override
    public boolean clocked(Peripheral p) {
        Line l = lines.get(p);
        return l == null || (reg(l.enableOffset()) >>> l.enableBit() & 1) != 0;
    }

    @Override
    public boolean heldInReset(Peripheral p) {
        Line l = lines.get(p);
        return l != null && l.resetOffset() >= 0 && (reg(l.resetOffset()) >>> l.resetBit() & 1) != 0;
    }

    private boolean isResetRegister(int offset) {
        return l4Registers ? offset == L4_AHB1RSTR || offset == L4_AHB2RSTR || offset == L4_AHB3RSTR
                || offset == L4_APB1RSTR1 || offset == L4_APB1RSTR2 || offset == L4_APB2RSTR
                : offset == F1_APB2RSTR || offset == F1_APB1RSTR;
    }

    /** A reset register was written: every attached peripheral whose bit is now set is reset. */
    private void resetPeripherals(int offset) {
        int v = reg(offset);
        lines.forEach((p, l) -> {
            if (l.resetOffset() == offset && (v >>> l.resetBit() & 1) != 0) {
                p.reset(ResetCause.PERIPHERAL);
            }
        });
    }

    /**
     * Runs after every write to an enable or reset register (and the other plain RCC registers): a block whose
     * clock just started may have work waiting (DMA1 serves a request that was raised while it was stopped).
     */
    public void onGateChange(Runnable hook) {
        this.gateChanged = hook;
    }

    /** The ROM loader's Go leaves the clocks of what it used on (USART1, GPIOA; F1 also AFIO), per AN2606. */
    public void leaveRomLoaderClocksOn() {
        if (l4Registers) {
            s.regs[L4_APB2ENR / 4] |= 1 << 14;
            s.regs[L4_AHB2ENR / 4] |= 1;
        } else {
            s.regs[F1_APB2ENR / 4] |= 1 << 14 | 1 << 2 | 1;
        }
    }

    /**
     * USART1's kernel clock: PCLK2 on the F1; on the L4 CCIPR.USART1SEL picks PCLK2, SYSCLK, HSI16 or LSE, and
     * a source that is switched off gives 0 (the USART then does not move).
     */
    public long usart1KernelHz() {
        if (!l4Registers) {
            return pclk2Hz();
        }
        return switch (reg(L4_CCIPR) & 3) {
            case 0 -> pclk2Hz();
            case 1 -> sysclkHz();
            case 2 -> (reg(L4_CR) & 1 << 10) != 0 ? 16_000_000L : 0;
            default -> (reg(L4_BDCR) & 1 << 1) != 0 ? LSE_HZ : 0;
        };
    }

    // ---------------------------------------------------------------- clocks

    public long sysclkHz() {
        if (l4Registers) {
            int sws = reg(L4_CFGR) >>> 2 & 3;
            return switch (sws) {
                case 0 -> msiHz();
                case 1 -> 16_000_000L;
                case 2 -> HSE_HZ;
                default -> l4PllHz();
            };
        }
        int sws = reg(F1_CFGR) >>> 2 & 3;
        return switch (sws) {
            case 1 -> HSE_HZ;
            case 2 -> f1PllHz();
            default -> 8_000_000L;
        };
    }

    private long msiHz() {
        int range = (reg(L4_CR) & 1 << 3) != 0 ? reg(L4_CR) >>> 4 & 0xF : reg(L4_CSR) >>> 8 & 0xF;
        return MSI_HZ[Math.min(range, MSI_HZ.length - 1)];
    }

    private long f1PllHz() {
        int cfgr = reg(F1_CFGR);
        long src = (cfgr & 1 << 16) != 0 ? HSE_HZ / ((cfgr & 1 << 17) != 0 ? 2 : 1) : 4_000_000L;
        int mul = Math.min((cfgr >>> 18 & 0xF) + 2, 16);
        return src * mul;
    }

    private long l4PllHz() {
        int p = reg(L4_PLLCFGR);
        long src = switch (p & 3) {
            case 1 -> msiHz();
            case 2 -> 16_000_000L;
            case 3 -> HSE_HZ;
            default -> 0;
        };
        int m = (p >>> 4 & 7) + 1;
        int n = Math.max(p >>> 8 & 0x7F, 8);
        int r = 2 * ((p >>> 25 & 3) + 1);
        return src / m * n / r;
    }

    private static int ahbDiv(int hpre) {
        return (hpre & 8) == 0 ? 1 : new int[] {2, 4, 8, 16, 64, 128, 256, 512}[hpre & 7];
    }

    private static int apbDiv(int ppre) {
        return (ppre & 4) == 0 ? 1 : 1 << ((ppre & 3) + 1);
    }

    /** The core clock (HCLK): virtual time = cycles / this. */
    public long hclkHz() {
        int cfgr = reg(l4Registers ? L4_CFGR : F1_CFGR);
        return Math.max(1, sysclkHz() / ahbDiv(cfgr >>> 4 & 0xF));
    }

    public long pclk1Hz() {
        int cfgr = reg(l4Registers ? L4_CFGR : F1_CFGR);
        return hclkHz() / apbDiv(cfgr >>> 8 & 7);
    }

    /** The APB1 timer clock (TIM2–TIM7): PCLK1, doubled when the APB1 prescaler divides (RM0008 §7.2, RM0394 §6.2). */
    public long apb1TimerHz() {
        int cfgr = reg(l4Registers ? L4_CFGR : F1_CFGR);
        return (cfgr >>> 8 & 4) == 0 ? pclk1Hz() : 2 * pclk1Hz();
    }

    public long pclk2Hz() {
        int cfgr = reg(l4Registers ? L4_CFGR : F1_CFGR);
        return hclkHz() / apbDiv(cfgr >>> 11 & 7);
    }

    // ---------------------------------------------------------------- reset flags

    /** Sets the CSR reset-cause flags for a reset that just happened. */
    public void recordReset(ResetCause cause) {
        int csrOff = l4Registers ? L4_CSR : F1_CSR;
        int flags = switch (cause) {
            case POWER_ON -> l4Registers ? (1 << 27 | 1 << 26) : (1 << 27 | 1 << 26); // L4: BORRSTF (its POR flag) + PINRSTF
            case PIN -> 1 << 26;
            case SOFTWARE -> 1 << 28 | 1 << 26;
            case IWDG -> 1 << 29 | 1 << 26;
            case OPTION_BYTE_LOAD -> l4Registers ? 1 << 25 : 1 << 26;
            case PERIPHERAL -> throw new IllegalArgumentException("RCC has no reset bit of its own");
        };
        int keep = cause.isPowerOn() ? 0 : s.regs[csrOff / 4] & (l4Registers ? 0xFF00_0000 : 0xFC00_0000);
        int bdcrOff = l4Registers ? L4_BDCR : F1_BDCR;
        int bdcr = cause.isPowerOn() ? 0 : s.regs[bdcrOff / 4]; // backup domain: survives system resets
        s = fresh(keep | flags);
        s.regs[bdcrOff / 4] = bdcr;
        clockChanged.run();
    }

    public int csr() {
        return reg(l4Registers ? L4_CSR : F1_CSR);
    }

    // ---------------------------------------------------------------- registers

    @Override
    public int read(int offset) {
        return offset < 0x100 ? s.regs[offset / 4] : 0;
    }

    @Override
    public void write(int offset, int value, int size) {
        if (offset >= 0x100) {
            return;
        }
        long before = hclkHz();
        if (l4Registers) {
            writeL4(offset, value);
        } else {
            writeF1(offset, value);
        }
        if (hclkHz() != before) {
            clockChanged.run();
        }
    }

    private void writeF1(int offset, int value) {
        switch (offset) {
            case F1_CR -> {
                int v = value & 0x010D_00F9;
                v |= (v & 1) != 0 ? 1 << 1 : 0;          // HSIRDY
                v |= (v & 1 << 16) != 0 ? 1 << 17 : 0;   // HSERDY
                v |= (v & 1 << 24) != 0 ? 1 << 25 : 0;   // PLLRDY
                v |= reg(F1_CR) & 0xFF00;                // HSICAL
                s.regs[0] = v;
                followSw();
            }
            case F1_CFGR -> {
                s.regs[1] = (value & ~0xC) | (reg(F1_CFGR) & 0xC);
                followSw();
            }
            case F1_CSR -> {
                int v = reg(F1_CSR);
                v = (v & 0xFF00_0000) | (value & 1) | ((value & 1) != 0 ? 2 : 0);
                if ((value & 1 << 24) != 0) {
                    v &= 0x00FF_FFFF;
                }
                s.regs[F1_CSR / 4] = v;
            }
            case F1_BDCR -> s.regs[F1_BDCR / 4] = (value & ~2) | ((value & 1) != 0 ? 2 : 0); // LSERDY at once
            default -> {
                s.regs[offset / 4] = value;
                if (isResetRegister(offset)) {
                    resetPeripherals(offset);
                }
                gateChanged.run();
            }
        }
    }

    private void followSw() {
        if (l4Registers) {
            int cr = reg(L4_CR);
            int sw = reg(L4_CFGR) & 3;
            boolean ready = switch (sw) {
                case 0 -> (cr & 1 << 1) != 0;
                case 1 -> (cr & 1 << 10) != 0;
                case 2 -> (cr & 1 << 17) != 0;
                default -> (cr & 1 << 25) != 0;
            };
            if (ready) {
                s.regs[L4_CFGR / 4] = (reg(L4_CFGR) & ~0xC) | sw << 2;
            }
            return;
        }
        int cr = reg(F1_CR);
        int sw = reg(F1_CFGR) & 3;
        boolean ready = switch (sw) {
            case 0 -> (cr & 2) != 0;
            case 1 -> (cr & 1 << 17) != 0;
            case 2 -> (cr & 1 << 25) != 0;
            default -> false;
        };
        if (ready) {
            s.regs[F1_CFGR / 4] = (reg(F1_CFGR) & ~0xC) | sw << 2;
        }
    }

    private void writeL4(int offset, int value) {
        switch (offset) {
            case L4_CR -> {
                int v = value & 0x050D_0BFD;
                v |= (v & 1) != 0 ? 1 << 1 : 0;           // MSIRDY
                v |= (v & 1 << 8) != 0 ? 1 << 10 : 0;     // HSIRDY
                v |= (v & 1 << 16) != 0 ? 1 << 17 : 0;    // HSERDY
                v |= (v & 1 << 24) != 0 ? 1 << 25 : 0;    // PLLRDY
                v |= (v & 1 << 26) != 0 ? 1 << 27 : 0;    // PLLSAI1RDY
                s.regs[0] = v;
                followSw();
            }
            case L4_CFGR -> {
                s.regs[L4_CFGR / 4] = (value & ~0xC) | (reg(L4_CFGR) & 0xC);
                followSw();
            }
            case L4_CSR -> {
                int v = reg(L4_CSR);
                v = (v & 0xFF00_0000) | (value & 0xF01) | ((value & 1) != 0 ? 2 : 0);
                if ((value & 1 << 23) != 0) {
                    v &= 0x00FF_FFFF;
                }
                s.regs[L4_CSR / 4] = v;
            }
            case L4_BDCR -> s.regs[L4_BDCR / 4] = (value & ~2) | ((value & 1) != 0 ? 2 : 0); // LSERDY at once
            default -> {
                s.regs[offset / 4] = value;
                if (isResetRegister(offset)) {
                    resetPeripherals(offset);
                }
                gateChanged.run();
            }
        }
    }

    @Override
    public void reset(ResetCause cause) {
        recordReset(cause);
    }

    @Override
    public Object saveState() {
        return s.copy();
    }

    @Override
    public void restoreState(Object state) {
        s = ((State) state).copy();
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == 0 || offset == (l4Registers ? L4_CFGR : F1_CFGR);
    }
}
