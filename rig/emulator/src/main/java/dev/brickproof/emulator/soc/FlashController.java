package dev.brickproof.emulator.soc;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.FlashOperation.Outcome;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Common part of the two flash interfaces: the register block at 0x4002_2000, the busy period in virtual
 * time, and the ledger/power-cut handling every erase or program goes through. Subclasses implement the
 * family's register layout and programming rules.
 *
 * <p>Data is applied to the cells when the operation starts; the core is stalled until it ends (fetches from
 * a busy single-bank flash stall on silicon), so no code can observe the difference. A cut during an
 * operation tears it and drops power at start + fraction × duration.
 */
public abstract class FlashController implements Peripheral {
    public static final int BASE = 0x4002_2000;
    public static final int FLASH_IRQ = 4;

    protected final SocContext ctx;
    protected final FlashMemory mem;
    protected final FlashLedger ledger;

    protected FlashController(SocContext ctx, FlashMemory mem, FlashLedger ledger) {
        this.ctx = ctx;
        this.mem = mem;
        this.ledger = ledger;
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x400;
    }

    public FlashMemory memory() {
        return mem;
    }

    /** A store by the core into the main-flash address range. */
    public abstract void writeMemory(int address, int value, int size);

    /** Called after the firmware changed the persistent option bytes (the board refreshes their memory image). */
    protected Runnable optionBytesChanged = () -> { };

    public final void onOptionBytesChanged(Runnable r) {
        this.optionBytesChanged = r;
    }

    /**
     * A store by the core into the option-byte area. Only the F1 programs option bytes by stores (FLASH_CR.OPTPG);
     * elsewhere it is a bus fault, as on silicon.
     */
    public void writeOptionBytes(int address, int value, int size) {
        throw new dev.brickproof.emulator.cpu.BusFault(address, true, "store to the option bytes at "
                + String.format("0x%08X", address) + ": they are programmed through FLASH_OPTR and OPTSTRT");
    }

    /** A load by the core from main flash hit a double-word with a broken ECC (L4); no-op on F1. */
    public void eccError(int address) {
    }

    /** Absolute time (ps) the current operation ends, or Long.MIN_VALUE when idle. */
    public abstract long busyUntilPs();

    public final boolean isBusy() {
        return busyUntilPs() > ctx.nowPs();
    }

    @Override
    public long nextEventPs() {
        long b = busyUntilPs();
        return b == Long.MIN_VALUE ? Long.MAX_VALUE : b;
    }

    // ---------------------------------------------------------------- ROM bootloader path (no registers)

    /** Programs {@code data} at {@code address} through the controller rules; busy time or null when refused. */
    public abstract Duration romProgram(int address, byte[] data);

    public abstract Duration romErasePages(int[] pages);

    public abstract Duration romMassErase();

    /** True when the option bytes in force set readout protection (RDP other than level 0). */
    public abstract boolean readProtected();

    /** Readout Unprotect as the ROM loader does it: RDP back to level 0 in the option bytes, then reloaded. */
    public abstract void removeReadProtection();

    /** True when the option bytes start the IWDG in hardware (F1 USER.WDG_SW = 0, L4 OPTR.IWDG_SW = 0). */
    public abstract boolean hardwareWatchdog();

    /** Flash was written behind the controller's back (SWD provisioning while powered). */
    public void hostProgrammed() {
    }

    // ---------------------------------------------------------------- shared operation plumbing

    /** How one operation changes the cells, completely or torn. */
    /** The operation still busy, so that an unplanned power loss can tear it. */
    private record InFlight(Work work, int offset, byte[] before, long index, long startPs, long durationPs) { }

    private InFlight inFlight;

    /**
     * Power dropped at {@code nowPs} without an armed cut (e.g. the harness's relay): an operation still busy
     * is torn (cells put back to their previous content, then torn by the elapsed fraction).
     */
    public final void powerLost(long nowPs) {
        InFlight f = inFlight;
        inFlight = null;
        if (f == null || nowPs >= f.startPs() + f.durationPs() || nowPs < f.startPs()) {
            return;
        }
        System.arraycopy(f.before(), 0, mem.data, f.offset(), f.before().length);
        mem.noteTorn(f.offset(), f.before().length);
        double fraction = (nowPs - f.startPs()) / (double) f.durationPs();
        f.work().tear(ledger.random(f.index()), fraction);
        ctx.codeChanged(mem.base + f.offset(), f.before().length);
        ledger.markTorn(f.index(), Duration.ofNanos((nowPs - f.startPs()) / 1000));
    }

    protected final void forgetInFlight() {
        inFlight = null;
    }

    protected interface Work {
        void apply();

        void tear(SplittableRandom random, double fraction);
    }

    /**
     * Runs one started operation against the armed power cut. Returns the busy duration in ps, or -1 when
     * the cut hit before or during it (power then drops at the returned moment; nothing else happens).
     */
    protected final long operate(Kind kind, int address, int length, long durationPs, long startPs, Work work) {
        if (ctx.frozen()) {
            return -1; // power is about to drop or a reset is pending: the store never reached the controller
        }
        FlashLedger.Plan plan = ledger.begin();
        switch (plan.fate()) {
            case CUT_BEFORE -> {
                ledger.cutAt(startPs, "power cut before flash op #" + plan.index() + " " + kind + " @" + hex(address));
                return -1;
            }
            case TEAR -> {
                long torn = (long) (durationPs * plan.fraction());
                work.tear(ledger.random(plan.index()), plan.fraction());
                ctx.codeChanged(address, length);
                ledger.record(new FlashOperation(plan.index(), kind, address, length, Duration.ofNanos(torn / 1000),
                        Outcome.TORN));
                ledger.cutAt(startPs + torn, "power cut during flash op #" + plan.index() + " " + kind + " @" + hex(address));
                return -1;
            }
            default -> {
                int off = address - mem.base;
                inFlight = new InFlight(work, off, java.util.Arrays.copyOfRange(mem.data, off, off + length),
                        plan.index(), startPs, durationPs);
                work.apply();
                ctx.codeChanged(address, length);
                ledger.record(new FlashOperation(plan.index(), kind, address, length,
                        Duration.ofNanos(durationPs / 1000), Outcome.COMPLETED));
                if (plan.fate() == FlashLedger.Fate.CUT_AFTER) {
                    ledger.cutAt(startPs + durationPs, "power cut after flash op #" + plan.index() + " " + kind + " @" + hex(address));
                }
                return durationPs;
            }
        }
    }

    /** Records an operation the controller refused (error flag, nothing written). Counts for power cuts. */
    protected final void refuse(Kind kind, int address, int length, Outcome outcome) {
        if (ctx.frozen()) {
            return;
        }
        FlashLedger.Plan plan = ledger.begin();
        ledger.record(new FlashOperation(plan.index(), kind, address, length, Duration.ZERO, outcome));
        if (plan.fate() != FlashLedger.Fate.NORMAL) {
            ledger.cutAt(ctx.nowPs(), "power cut at refused flash op #" + plan.index());
        }
    }

    /** Torn erase of [offset, offset+len): each 0 bit becomes 1 with probability {@code fraction}. */
    protected final void tearErase(int offset, int len, SplittableRandom r, double fraction) {
        mem.noteTorn(offset, len);
        for (int i = offset; i < offset + len; i++) {
            int b = mem.data[i] & 0xFF;
            int zeros = ~b & 0xFF;
            if (zeros == 0) {
                continue;
            }
            int stillZero = 0;
            for (int bit = 0; bit < 8; bit++) {
                if ((zeros & 1 << bit) != 0 && r.nextDouble() >= fraction) {
                    stillZero |= 1 << bit;
                }
            }
            mem.data[i] = (byte) (~stillZero & 0xFF);
        }
    }

    /** Torn program of {@code bits} bits: each bit of {@code toClear} goes to 0 with probability {@code fraction}. */
    protected static long tornClear(long old, long toClear, int bits, SplittableRandom r, double fraction) {
        long cleared = 0;
        for (int bit = 0; bit < bits; bit++) {
            if ((toClear >>> bit & 1) != 0 && r.nextDouble() < fraction) {
                cleared |= 1L << bit;
            }
        }
        return old & ~cleared;
    }

    protected static String hex(int v) {
        return String.format("0x%08X", v);
    }
}
