package dev.brickproof.emulator.soc;

import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.FlashOperation.Outcome;
import dev.brickproof.emulator.cpu.BusFault;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * STM32F1 flash program/erase controller (FPEC), RM0008 / PM0075 as summarised in STM32_IAP_FACTS.md §1.3–1.4.
 *
 * <ul>
 *   <li>KEYR 0x4567_0123 then 0xCDEF_89AB clears CR.LOCK; any other value locks FPEC and CR until reset.</li>
 *   <li>PG: only half-word stores program (byte/word stores with PG set are bus errors). The target must
 *       read 0xFFFF unless the new value is 0x0000; otherwise PGERR and nothing is written.</li>
 *   <li>PER + AR + STRT erases one 1 KiB page; MER + STRT erases all. Write-protected pages (WRPR bit clear,
 *       4 pages per bit) give WRPRTERR.</li>
 *   <li>Busy time: 52.5 µs per half-word (datasheet typ), 30 ms per page or mass erase (middle of the
 *       datasheet's 20–40 ms, which gives no typical value). EOP is set at the end of every operation.</li>
 *   <li>Option bytes (0x1FFF_F800, PM0075 §2.5): OPTKEYR keys set OPTWRE; OPTER + STRT erases them all (RDP
 *       0xFF = read protection, USER/Data/WRP 0xFF; page-erase time); OPTPG + a half-word store programs one
 *       byte (the complement is made by the hardware; a byte that is not erased takes only 0x00, else PGERR;
 *       program time). The memory image changes at once; OBR (RDPRT, USER, Data0/1) and WRPR take the new
 *       values at the next reset, as on silicon. Option-byte operations are not in the flash-operation log.</li>
 * </ul>
 */
public final class F1FlashController extends FlashController {
    public static final long PROGRAM_PS = 52_500_000L;
    public static final long PAGE_ERASE_PS = 30_000_000_000L;
    public static final long MASS_ERASE_PS = 30_000_000_000L;

    static final int ACR = 0x00, KEYR = 0x04, OPTKEYR = 0x08, SR = 0x0C, CR = 0x10, AR = 0x14, OBR = 0x1C, WRPR = 0x20;
    static final int SR_BSY = 1, SR_PGERR = 1 << 2, SR_WRPRTERR = 1 << 4, SR_EOP = 1 << 5;
    static final int CR_PG = 1, CR_PER = 1 << 1, CR_MER = 1 << 2, CR_OPTPG = 1 << 4, CR_OPTER = 1 << 5,
            CR_STRT = 1 << 6, CR_LOCK = 1 << 7, CR_OPTWRE = 1 << 9, CR_ERRIE = 1 << 10, CR_EOPIE = 1 << 12;
    static final int KEY1 = 0x4567_0123, KEY2 = 0xCDEF_89AB;

    private final OptionBytes options;
    private int wrpr;
    private State s = new State();

    private static final class State implements Cloneable {
        int acr = 0x30;
        int sr;
        int cr = CR_LOCK;
        int ar;
        int keyStage;
        int optKeyStage;
        boolean lockedUntilReset;
        long busyUntil = Long.MIN_VALUE;
        int obr = 0x03FF_FFFC;

        State copy() {
            try {
                return (State) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * @param options persistent option bytes; WRPR is loaded from {@link OptionBytes#f1Wrp} at every reset
     *                (bit n clear protects pages 4n..4n+3; 0xFFFF_FFFF = factory, nothing protected)
     */
    public F1FlashController(SocContext ctx, FlashMemory mem, FlashLedger ledger, OptionBytes options) {
        super(ctx, mem, ledger);
        this.options = options;
        this.wrpr = options.f1Wrp;
    }

    @Override
    public String name() {
        return "FLASH";
    }

    @Override
    public long busyUntilPs() {
        return s.busyUntil;
    }

    /** FLASH_ACR.LATENCY (wait states). */
    public int latency() {
        return s.acr & 7;
    }

    @Override
    public int read(int offset) {
        return switch (offset) {
            case ACR -> (s.acr & 0x1F) | ((s.acr & 0x10) != 0 ? 0x20 : 0);
            case SR -> s.sr | (isBusy() ? SR_BSY : 0);
            case CR -> s.cr;
            case AR -> s.ar;
            case OBR -> s.obr;
            case WRPR -> wrpr;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int size) {
        switch (offset) {
            case ACR -> s.acr = value & 0x1F;
            case KEYR -> key(value);
            case OPTKEYR -> {
                if ((s.cr & CR_LOCK) != 0) {
                    return;
                }
                if (s.optKeyStage == 0 && value == KEY1) {
                    s.optKeyStage = 1;
                } else if (s.optKeyStage == 1 && value == KEY2) {
                    s.optKeyStage = 0;
                    s.cr |= CR_OPTWRE;
                } else {
                    s.optKeyStage = 0;
                }
            }
            case SR -> {
                s.sr &= ~(value & (SR_PGERR | SR_WRPRTERR | SR_EOP));
                updateIrq();
            }
            case CR -> writeCr(value);
            case AR -> {
                if (!isBusy()) {
                    s.ar = value;
                }
            }
            default -> { }
        }
    }

    private void key(int value) {
        if (s.lockedUntilReset || (s.cr & CR_LOCK) == 0) {
            return; // locked until reset, or already unlocked (keys then have no effect)
        }
        if (s.keyStage == 0 && value == KEY1) {
            s.keyStage = 1;
        } else if (s.keyStage == 1 && value == KEY2) {
            s.keyStage = 0;
            s.cr &= ~CR_LOCK;
        } else {
            s.keyStage = 0;
            s.lockedUntilReset = true;
            ctx.event("flash-locked", "FLASH_KEYR wrong key " + hex(value) + ": FPEC locked until reset");
        }
    }

    private void writeCr(int value) {
        if ((s.cr & CR_LOCK) != 0) {
            return; // CR is read-only while locked
        }
        if (isBusy()) {
            return;
        }
        int keep = s.cr & CR_OPTWRE;
        int next = value & (CR_PG | CR_PER | CR_MER | CR_OPTPG | CR_OPTER | CR_STRT | CR_LOCK | CR_ERRIE | CR_EOPIE);
        if ((value & CR_OPTWRE) == 0) {
            keep = 0; // OPTWRE is cleared by writing 0
        }
        s.cr = next | keep;
        if ((next & CR_LOCK) != 0) {
            s.cr &= ~CR_STRT;
            return;
        }
        if ((next & CR_STRT) != 0) {
            if ((next & CR_OPTER) != 0) {
                optionErase(ctx.nowPs());
            } else if ((next & CR_MER) != 0) {
                massErase(ctx.nowPs());
            } else if ((next & CR_PER) != 0) {
                pageErase(s.ar, ctx.nowPs());
            } else {
                s.cr &= ~CR_STRT;
            }
        }
        updateIrq();
    }

    private void optionErase(long startPs) {
        if ((s.cr & CR_OPTWRE) == 0) {
            s.cr &= ~CR_STRT;
            ctx.event("option-bytes", "OPTER + STRT without OPTWRE (FLASH_OPTKEYR not written): ignored");
            return;
        }
        options.f1Rdp = 0xFF;
        options.f1User = 0xFF;
        options.f1Data0 = 0xFF;
        options.f1Data1 = 0xFF;
        options.f1Wrp = 0xFFFF_FFFF;
        optionBytesChanged.run();
        ctx.event("option-bytes", "option bytes erased (RDP 0xFF: read protection from the next reset unless"
                + " 0xA5 is programmed)");
        startBusy(startPs, PAGE_ERASE_PS);
    }

    @Override
    public void writeOptionBytes(int address, int value, int size) {
        if ((s.cr & CR_OPTPG) == 0 || (s.cr & CR_OPTWRE) == 0 || isBusy()) {
            ctx.event("flash-write-ignored", "store to option byte " + hex(address) + " without FLASH_CR.OPTPG"
                    + " and OPTWRE");
            return;
        }
        if (size != 2 || (address & 1) != 0) {
            throw new BusFault(address, true, "F1 option bytes are programmed by aligned half-word stores");
        }
        int index = (address - 0x1FFF_F800) / 2;
        int now = optionByte(index);
        int v = value & 0xFF;
        if (now != 0xFF && v != 0) {
            s.sr |= SR_PGERR;
            updateIrq();
            return;
        }
        setOptionByte(index, now & v);
        optionBytesChanged.run();
        ctx.event("option-bytes", String.format("option byte %d programmed to 0x%02X (takes effect at the next reset)",
                index, now & v));
        startBusy(ctx.nowPs(), PROGRAM_PS);
    }

    private int optionByte(int index) {
        return switch (index) {
            case 0 -> options.f1Rdp;
            case 1 -> options.f1User;
            case 2 -> options.f1Data0;
            case 3 -> options.f1Data1;
            default -> options.f1Wrp >>> (8 * (index - 4)) & 0xFF;
        };
    }

    private void setOptionByte(int index, int v) {
        switch (index) {
            case 0 -> options.f1Rdp = v;
            case 1 -> options.f1User = v;
            case 2 -> options.f1Data0 = v;
            case 3 -> options.f1Data1 = v;
            default -> {
                int shift = 8 * (index - 4);
                options.f1Wrp = (options.f1Wrp & ~(0xFF << shift)) | v << shift;
            }
        }
    }

    /** FLASH_OBR as loaded from the option bytes at reset: RDPRT, USER, Data0, Data1. */
    private int loadedObr() {
        return (options.f1Rdp != 0xA5 ? 2 : 0) | (options.f1User & 0xFF) << 2 | (options.f1Data0 & 0xFF) << 10
                | (options.f1Data1 & 0xFF) << 18;
    }

    /** Loads OBR and WRPR from the option bytes now (what the reset after Readout Unprotect does). */
    public void reloadOptionBytes() {
        s.obr = loadedObr();
        wrpr = options.f1Wrp;
    }

    /** True when the option bytes loaded at the last reset set read protection (RDP other than 0xA5). */
    @Override
    public boolean readProtected() {
        return (s.obr & 2) != 0;
    }

    @Override
    public void removeReadProtection() {
        options.f1Rdp = 0xA5;
        reloadOptionBytes();
    }

    /** USER.WDG_SW as programmed (the F1 loads it at every reset). */
    @Override
    public boolean hardwareWatchdog() {
        return (options.f1User & 1) == 0;
    }

    private boolean pageProtected(int page) {
        int bit = page / 4;
        return bit < 32 && (wrpr & 1 << bit) == 0;
    }

    private void startBusy(long startPs, long durationPs) {
        s.busyUntil = startPs + durationPs;
        ctx.reschedule();
    }

    private void pageErase(int address, long startPs) {
        int offset = (address - mem.base) & ~(mem.pageSize - 1);
        if (!mem.contains(address)) {
            // outside main flash: refused with PGERR (RM0008 leaves it undefined; never report a success)
            s.sr |= SR_PGERR;
            s.cr &= ~CR_STRT;
            ctx.event("flash-erase-refused", String.format("page erase at 0x%08X is past the end of main flash"
                    + " (0x%08X): PGERR", address, mem.base + mem.size));
            refuse(Kind.PAGE_ERASE, address, mem.pageSize, Outcome.PROGRAM_ERROR);
            return;
        }
        int page = offset / mem.pageSize;
        if (pageProtected(page)) {
            s.sr |= SR_WRPRTERR;
            s.cr &= ~CR_STRT;
            refuse(Kind.PAGE_ERASE, mem.base + offset, mem.pageSize, Outcome.WRITE_PROTECT_ERROR);
            return;
        }
        long d = operate(Kind.PAGE_ERASE, mem.base + offset, mem.pageSize, PAGE_ERASE_PS, startPs, eraseWork(offset, mem.pageSize));
        if (d >= 0) {
            startBusy(startPs, d);
        }
    }

    private void massErase(long startPs) {
        if (wrpr != -1) {
            s.sr |= SR_WRPRTERR;
            s.cr &= ~CR_STRT;
            refuse(Kind.MASS_ERASE, mem.base, mem.size, Outcome.WRITE_PROTECT_ERROR);
            return;
        }
        long d = operate(Kind.MASS_ERASE, mem.base, mem.size, MASS_ERASE_PS, startPs, eraseWork(0, mem.size));
        if (d >= 0) {
            startBusy(startPs, d);
        }
    }

    private Work eraseWork(int offset, int length) {
        return new Work() {
            @Override
            public void apply() {
                mem.erase(offset, length);
            }

            @Override
            public void tear(SplittableRandom random, double fraction) {
                tearErase(offset, length, random, fraction);
            }
        };
    }

    @Override
    public void writeMemory(int address, int value, int size) {
        if ((s.cr & CR_PG) == 0) {
            ctx.event("flash-write-ignored", "store to flash " + hex(address) + " without FLASH_CR.PG");
            return;
        }
        if (size != 2) {
            throw new BusFault(address, true, "F1 flash programs half-words only (" + size + "-byte store with PG set)");
        }
        if ((address & 1) != 0) {
            throw new BusFault(address, true, "unaligned half-word flash program");
        }
        program(address, value & 0xFFFF, ctx.nowPs());
    }

    /** One half-word program; returns the busy duration, -1 when cut, -2 when refused. */
    private long program(int address, int value, long startPs) {
        int offset = address - mem.base;
        if (pageProtected(offset / mem.pageSize)) {
            s.sr |= SR_WRPRTERR;
            refuse(Kind.PROGRAM, address, 2, Outcome.WRITE_PROTECT_ERROR);
            updateIrq();
            return -2;
        }
        int old = mem.u16(offset);
        if (old != 0xFFFF && value != 0) {
            s.sr |= SR_PGERR;
            refuse(Kind.PROGRAM, address, 2, Outcome.PROGRAM_ERROR);
            updateIrq();
            return -2;
        }
        long d = operate(Kind.PROGRAM, address, 2, PROGRAM_PS, startPs, new Work() {
            @Override
            public void apply() {
                mem.put16(offset, old & value);
            }

            @Override
            public void tear(SplittableRandom random, double fraction) {
                mem.put16(offset, (int) tornClear(old, old & ~value & 0xFFFF, 16, random, fraction));
            }
        });
        if (d >= 0) {
            startBusy(startPs, d);
        }
        return d;
    }

    @Override
    public void advanceTo(long nowPs) {
        if (s.busyUntil != Long.MIN_VALUE && nowPs >= s.busyUntil) {
            s.busyUntil = Long.MIN_VALUE;
            forgetInFlight();
            s.cr &= ~CR_STRT;
            s.sr |= SR_EOP;
            updateIrq();
        }
    }

    private void updateIrq() {
        boolean level = ((s.cr & CR_EOPIE) != 0 && (s.sr & SR_EOP) != 0)
                || ((s.cr & CR_ERRIE) != 0 && (s.sr & (SR_PGERR | SR_WRPRTERR)) != 0);
        ctx.irq(FLASH_IRQ, level);
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == SR;
    }

    @Override
    public void reset(ResetCause cause) {
        s = new State();
        s.obr = loadedObr();
        wrpr = options.f1Wrp;
    }

    @Override
    public Object saveState() {
        return s.copy();
    }

    @Override
    public void restoreState(Object state) {
        forgetInFlight();
        s = ((State) state).copy();
    }

    // ---------------------------------------------------------------- ROM path

    @Override
    public Duration romProgram(int address, byte[] data) {
        long t = ctx.nowPs();
        long total = 0;
        int start = address & ~1;
        int end = address + data.length;
        for (int a = start; a < end; a += 2) {
            if (!mem.contains(a)) {
                return null;
            }
            int lo = a >= address ? data[a - address] & 0xFF : mem.u8(a - mem.base);
            int hi = a + 1 < end ? data[a + 1 - address] & 0xFF : mem.u8(a + 1 - mem.base);
            int v = lo | hi << 8;
            long d = program(a, v, t + total);
            if (d == -1) {
                return Duration.ofNanos(total / 1000);
            }
            if (d == -2) {
                return null;
            }
            total += d;
        }
        s.busyUntil = total == 0 ? Long.MIN_VALUE : t + total;
        return Duration.ofNanos(total / 1000);
    }

    @Override
    public Duration romErasePages(int[] pages) {
        long t = ctx.nowPs();
        long total = 0;
        for (int p : pages) {
            if (p < 0 || p >= mem.size / mem.pageSize) {
                return null;
            }
            s.busyUntil = Long.MIN_VALUE;
            pageErase(mem.base + p * mem.pageSize, t + total);
            if ((s.sr & SR_WRPRTERR) != 0) {
                s.sr &= ~SR_WRPRTERR;
                return null;
            }
            if (s.busyUntil == Long.MIN_VALUE) {
                return Duration.ofNanos(total / 1000); // power cut
            }
            total += PAGE_ERASE_PS;
        }
        s.cr &= ~CR_STRT;
        return Duration.ofNanos(total / 1000);
    }

    @Override
    public Duration romMassErase() {
        s.busyUntil = Long.MIN_VALUE;
        massErase(ctx.nowPs());
        s.cr &= ~CR_STRT;
        if ((s.sr & SR_WRPRTERR) != 0) {
            s.sr &= ~SR_WRPRTERR;
            return null;
        }
        return Duration.ofNanos(MASS_ERASE_PS / 1000);
    }
}
