package dev.brickproof.emulator.soc;

import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.FlashOperation.Outcome;
import dev.brickproof.emulator.cpu.BusFault;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * STM32L4 flash interface (RM0394, 64-bit double-word + 8 ECC bits), as summarised in STM32_IAP_FACTS.md §1.3–1.4.
 *
 * <ul>
 *   <li>KEYR 0x4567_0123 then 0xCDEF_89AB clears CR.LOCK; a wrong key is a bus error and locks until reset.</li>
 *   <li>PG: two 32-bit stores, first at an 8-aligned address then at +4, program one double-word. Byte and
 *       half-word stores set SIZERR, misaligned or out-of-sequence words PGAERR, a store without PG or with
 *       an uncleared error PGSERR. A double-word that is not erased, or was already programmed (even with
 *       all-ones), gives PROGERR unless the new data is all-zero. Nothing is written on any error.</li>
 *   <li>PER + PNB + STRT erases one 2 KiB page, MER1 + STRT all. WRP areas (WRP1AR/WRP1BR from the option
 *       bytes) give WRPERR.</li>
 *   <li>Busy: 81.7 µs per double-word, 22.0 ms per page, 22.1 ms mass erase (datasheet typical values).
 *       EOP is set only when EOPIE is set, as on silicon.</li>
 *   <li>ECC: a double-word torn by a power cut has a broken ECC. Any load or fetch of it sets ECCR.ECCD with
 *       ADDR_ECC (byte offset in the bank) and raises the NMI, every time, until the page is erased (or the
 *       double-word is overwritten with zeros, whose ECC is zero).</li>
 *   <li>OPTR: factory 0xFFEF_F8AA; writable after OPTKEYR unlock, OPTSTRT stores it in the option bytes,
 *       OBL_LAUNCH reloads them with a system reset (OBLRSTF). PEMPTY is set at power-on / option load when
 *       the first flash word is erased; writing 1 to it toggles it.</li>
 * </ul>
 */
public final class L4FlashController extends FlashController {
    public static final long PROGRAM_PS = 81_700_000L;
    public static final long PAGE_ERASE_PS = 22_000_000_000L;
    public static final long MASS_ERASE_PS = 22_100_000_000L;

    static final int ACR = 0x00, PDKEYR = 0x04, KEYR = 0x08, OPTKEYR = 0x0C, SR = 0x10, CR = 0x14, ECCR = 0x18,
            OPTR = 0x20, PCROP1SR = 0x24, PCROP1ER = 0x28, WRP1AR = 0x2C, WRP1BR = 0x30;
    public static final int SR_EOP = 1, SR_OPERR = 1 << 1, SR_PROGERR = 1 << 3, SR_WRPERR = 1 << 4,
            SR_PGAERR = 1 << 5, SR_SIZERR = 1 << 6, SR_PGSERR = 1 << 7, SR_MISERR = 1 << 8, SR_FASTERR = 1 << 9,
            SR_RDERR = 1 << 14, SR_OPTVERR = 1 << 15, SR_BSY = 1 << 16, SR_PEMPTY = 1 << 17;
    static final int SR_W1C = SR_EOP | SR_OPERR | SR_PROGERR | SR_WRPERR | SR_PGAERR | SR_SIZERR | SR_PGSERR
            | SR_MISERR | SR_FASTERR | SR_RDERR | SR_OPTVERR;
    static final int SR_PROG_ERRORS = SR_PROGERR | SR_SIZERR | SR_PGAERR | SR_PGSERR | SR_MISERR | SR_FASTERR | SR_WRPERR;
    static final int CR_PG = 1, CR_PER = 1 << 1, CR_MER1 = 1 << 2, CR_STRT = 1 << 16, CR_OPTSTRT = 1 << 17,
            CR_FSTPG = 1 << 18, CR_EOPIE = 1 << 24, CR_ERRIE = 1 << 25, CR_RDERRIE = 1 << 26,
            CR_OBL_LAUNCH = 1 << 27, CR_OPTLOCK = 1 << 30, CR_LOCK = 1 << 31;
    public static final int ECCR_ECCIE = 1 << 24, ECCR_ECCC = 1 << 30, ECCR_ECCD = 1 << 31;
    static final int KEY1 = 0x4567_0123, KEY2 = 0xCDEF_89AB, OPTKEY1 = 0x0819_2A3B, OPTKEY2 = 0x4C5D_6E7F;

    private final OptionBytes options;
    private State s = new State();

    private static final class State implements Cloneable {
        int acr = 0x600;
        int sr;
        int cr = CR_LOCK | CR_OPTLOCK;
        int eccr;
        int optr;
        int loadedOptr;
        int keyStage;
        int optKeyStage;
        boolean lockedUntilReset;
        boolean haveFirst;
        int firstAddress;
        int firstValue;
        long busyUntil = Long.MIN_VALUE;
        boolean pempty;

        State copy() {
            try {
                return (State) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public L4FlashController(SocContext ctx, FlashMemory mem, FlashLedger ledger, OptionBytes options) {
        super(ctx, mem, ledger);
        this.options = options;
        s.optr = options.l4Optr;
        s.loadedOptr = options.l4Optr;
    }

    @Override
    public String name() {
        return "FLASH";
    }

    @Override
    public long busyUntilPs() {
        return s.busyUntil;
    }

    /** The loaded OPTR (what boot-mode selection uses). */
    public int optr() {
        return s.optr;
    }

    public boolean pempty() {
        return s.pempty;
    }

    /** Re-evaluates PEMPTY as an option-byte load would (after SWD provisioning). */
    @Override
    public void hostProgrammed() {
        s.pempty = mem.u32(0) == 0xFFFF_FFFF;
    }

    /** OPTR.RDP as loaded: anything but 0xAA is protection. */
    @Override
    public boolean readProtected() {
        return (optr() & 0xFF) != 0xAA;
    }

    @Override
    public void removeReadProtection() {
        options.l4Optr = (options.l4Optr & ~0xFF) | 0xAA;
        reloadOptionBytes();
    }

    /** OPTR.IWDG_SW as loaded at power-on or OBL launch. */
    @Override
    public boolean hardwareWatchdog() {
        return (optr() & 1 << 16) == 0;
    }

    public int latency() {
        return s.acr & 7;
    }

    @Override
    public int read(int offset) {
        return switch (offset) {
            case ACR -> s.acr;
            case SR -> s.sr | (isBusy() ? SR_BSY : 0) | (s.pempty ? SR_PEMPTY : 0);
            case CR -> s.cr;
            case ECCR -> s.eccr;
            case OPTR -> s.optr;
            case PCROP1SR -> 0xFFFF_FFFF;
            case PCROP1ER -> 0x0000_0000;
            case WRP1AR -> options.l4Wrp1ar;
            case WRP1BR -> options.l4Wrp1br;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int size) {
        switch (offset) {
            case ACR -> s.acr = value & 0x7F07;
            case KEYR -> key(value);
            case OPTKEYR -> {
                if ((s.cr & CR_LOCK) != 0 || (s.cr & CR_OPTLOCK) == 0) {
                    return;
                }
                if (s.optKeyStage == 0 && value == OPTKEY1) {
                    s.optKeyStage = 1;
                } else if (s.optKeyStage == 1 && value == OPTKEY2) {
                    s.optKeyStage = 0;
                    s.cr &= ~CR_OPTLOCK;
                } else {
                    s.optKeyStage = 0;
                    throw new BusFault(BASE + offset, true, "wrong FLASH_OPTKEYR sequence");
                }
            }
            case SR -> {
                s.sr &= ~(value & SR_W1C);
                if ((value & SR_PEMPTY) != 0) {
                    s.pempty = !s.pempty;
                }
                updateIrq();
            }
            case CR -> writeCr(value);
            case ECCR -> s.eccr = (s.eccr & ~(value & (ECCR_ECCC | ECCR_ECCD)) & ~ECCR_ECCIE) | (value & ECCR_ECCIE);
            case OPTR -> {
                if ((s.cr & (CR_LOCK | CR_OPTLOCK)) == 0) {
                    s.optr = value;
                }
            }
            default -> { }
        }
    }

    private void key(int value) {
        if (s.lockedUntilReset) {
            throw new BusFault(BASE + KEYR, true, "FLASH_KEYR locked until reset");
        }
        if ((s.cr & CR_LOCK) == 0) {
            return;
        }
        if (s.keyStage == 0 && value == KEY1) {
            s.keyStage = 1;
        } else if (s.keyStage == 1 && value == KEY2) {
            s.keyStage = 0;
            s.cr &= ~CR_LOCK;
        } else {
            s.keyStage = 0;
            s.lockedUntilReset = true;
            ctx.event("flash-locked", "FLASH_KEYR wrong key " + hex(value) + ": locked until reset (bus error)");
            throw new BusFault(BASE + KEYR, true, "wrong FLASH_KEYR sequence");
        }
    }

    private void writeCr(int value) {
        if (isBusy()) {
            return;
        }
        if ((s.cr & CR_LOCK) != 0) {
            return; // only LOCK can be written while locked, and it is already set
        }
        int optLock = (s.cr & CR_OPTLOCK) | (value & CR_OPTLOCK);
        s.cr = (value & ~(CR_OPTLOCK | CR_LOCK)) | optLock | (value & CR_LOCK);
        if ((value & CR_LOCK) != 0) {
            s.cr |= CR_OPTLOCK;
            s.cr &= ~(CR_STRT | CR_OPTSTRT);
            return;
        }
        if ((value & CR_OBL_LAUNCH) != 0) {
            s.cr &= ~CR_OBL_LAUNCH;
            ctx.requestReset(ResetCause.OPTION_BYTE_LOAD);
            return;
        }
        if ((value & CR_OPTSTRT) != 0 && (s.cr & CR_OPTLOCK) == 0) {
            options.l4Optr = s.optr;
            s.busyUntil = ctx.nowPs() + MASS_ERASE_PS;
            ctx.reschedule();
            ctx.event("option-bytes", "OPTR programmed to " + hex(s.optr) + " (takes effect at OBL launch or power-on)");
            return;
        }
        if ((value & CR_STRT) != 0) {
            start(value);
        }
        updateIrq();
    }

    private void start(int cr) {
        long now = ctx.nowPs();
        boolean per = (cr & CR_PER) != 0;
        boolean mer = (cr & CR_MER1) != 0;
        if ((s.sr & SR_PROG_ERRORS) != 0 || (cr & (CR_PG | CR_FSTPG)) != 0 || per == mer) {
            s.sr |= SR_PGSERR;
            s.cr &= ~CR_STRT;
            refuse(mer && !per ? Kind.MASS_ERASE : Kind.PAGE_ERASE, mem.base, 0, Outcome.SEQUENCE_ERROR);
            return;
        }
        if (per) {
            int page = (cr >>> 3) & 0xFF;
            if (page >= mem.size / mem.pageSize) {
                s.sr |= SR_OPERR;
                s.cr &= ~CR_STRT;
                ctx.event("flash-erase-refused", String.format("page %d is past the end of main flash (0x%08X,"
                        + " pages 0..%d): OPERR", page, mem.base + mem.size, mem.size / mem.pageSize - 1));
                refuse(Kind.PAGE_ERASE, mem.base + page * mem.pageSize, mem.pageSize, Outcome.PROGRAM_ERROR);
                updateIrq();
                return;
            }
            erasePage(page, now);
        } else {
            eraseAll(now);
        }
    }

    private boolean pageProtected(int page) {
        return inArea(options.l4Wrp1ar, page) || inArea(options.l4Wrp1br, page);
    }

    private static boolean inArea(int wrp, int page) {
        int start = wrp & 0x7F;
        int end = wrp >>> 16 & 0x7F;
        return start <= end && page >= start && page <= end;
    }

    /** Returns the busy time, -1 when power was cut, -2 when refused. */
    private long erasePage(int page, long startPs) {
        int offset = page * mem.pageSize;
        if (pageProtected(page)) {
            s.sr |= SR_WRPERR;
            s.cr &= ~CR_STRT;
            refuse(Kind.PAGE_ERASE, mem.base + offset, mem.pageSize, Outcome.WRITE_PROTECT_ERROR);
            updateIrq();
            return -2;
        }
        long d = operate(Kind.PAGE_ERASE, mem.base + offset, mem.pageSize, PAGE_ERASE_PS, startPs, eraseWork(offset, mem.pageSize));
        if (d >= 0) {
            busy(startPs + d);
        }
        return d;
    }

    private long eraseAll(long startPs) {
        for (int p = 0; p < mem.size / mem.pageSize; p++) {
            if (pageProtected(p)) {
                s.sr |= SR_WRPERR;
                s.cr &= ~CR_STRT;
                refuse(Kind.MASS_ERASE, mem.base, mem.size, Outcome.WRITE_PROTECT_ERROR);
                updateIrq();
                return -2;
            }
        }
        long d = operate(Kind.MASS_ERASE, mem.base, mem.size, MASS_ERASE_PS, startPs, eraseWork(0, mem.size));
        if (d >= 0) {
            busy(startPs + d);
        }
        return d;
    }

    private Work eraseWork(int offset, int length) {
        return new Work() {
            @Override
            public void apply() {
                mem.erase(offset, length);
            }

            @Override
            public void tear(SplittableRandom random, double fraction) {
                byte[] before = java.util.Arrays.copyOfRange(mem.data, offset, offset + length);
                tearErase(offset, length, random, fraction);
                for (int dw = offset / 8; dw < (offset + length) / 8; dw++) {
                    long now = mem.u64(dw * 8);
                    long was = bytes64(before, dw * 8 - offset);
                    if (now != was && now != -1L) {
                        mem.setEccBad(dw, true); // data and check bits caught half-way
                    }
                    mem.setUsed(dw, now != -1L || mem.isEccBad(dw));
                }
            }
        };
    }

    private static long bytes64(byte[] b, int o) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[o + i] & 0xFF);
        }
        return v;
    }

    private void busy(long untilPs) {
        s.busyUntil = untilPs;
        ctx.reschedule();
    }

    @Override
    public void writeMemory(int address, int value, int size) {
        int offset = address - mem.base;
        if ((s.cr & (CR_PG | CR_FSTPG)) == 0 || (s.sr & SR_PROG_ERRORS) != 0) {
            s.sr |= SR_PGSERR;
            s.haveFirst = false;
            refuse(Kind.PROGRAM, address & ~7, 8, Outcome.SEQUENCE_ERROR);
            updateIrq();
            return;
        }
        if (size != 4) {
            s.sr |= SR_SIZERR;
            s.haveFirst = false;
            refuse(Kind.PROGRAM, address & ~7, 8, Outcome.SIZE_ERROR);
            updateIrq();
            return;
        }
        if (!s.haveFirst) {
            if ((offset & 7) != 0) {
                s.sr |= SR_PGAERR;
                refuse(Kind.PROGRAM, address & ~7, 8, Outcome.ALIGNMENT_ERROR);
                updateIrq();
                return;
            }
            s.haveFirst = true;
            s.firstAddress = address;
            s.firstValue = value;
            return;
        }
        s.haveFirst = false;
        if (address != s.firstAddress + 4) {
            s.sr |= SR_PGAERR;
            refuse(Kind.PROGRAM, s.firstAddress, 8, Outcome.ALIGNMENT_ERROR);
            updateIrq();
            return;
        }
        long data = (s.firstValue & 0xFFFF_FFFFL) | (long) value << 32;
        programDoubleWord(s.firstAddress, data, ctx.nowPs());
        updateIrq();
    }

    /** Returns the busy time, -1 when power was cut, -2 when refused. */
    private long programDoubleWord(int address, long data, long startPs) {
        int offset = address - mem.base;
        int dw = offset / 8;
        if (pageProtected(offset / mem.pageSize)) {
            s.sr |= SR_WRPERR;
            refuse(Kind.PROGRAM, address, 8, Outcome.WRITE_PROTECT_ERROR);
            return -2;
        }
        long old = mem.u64(offset);
        if ((mem.isUsed(dw) || old != -1L) && data != 0) {
            s.sr |= SR_PROGERR;
            refuse(Kind.PROGRAM, address, 8, Outcome.PROGRAM_ERROR);
            return -2;
        }
        long d = operate(Kind.PROGRAM, address, 8, PROGRAM_PS, startPs, new Work() {
            @Override
            public void apply() {
                mem.put64(offset, old & data);
                mem.setUsed(dw, true);
                if (data == 0) {
                    mem.setEccBad(dw, false);
                }
            }

            @Override
            public void tear(SplittableRandom random, double fraction) {
                mem.put64(offset, tornClear(old, old & ~data, 64, random, fraction));
                mem.setUsed(dw, true);
                mem.setEccBad(dw, true);
            }
        });
        if (d >= 0) {
            busy(startPs + d);
        }
        return d;
    }

    @Override
    public void eccError(int address) {
        int offset = (address - mem.base) & ~7;
        if ((s.eccr & ECCR_ECCD) == 0) {
            s.eccr = (s.eccr & ECCR_ECCIE) | ECCR_ECCD | (offset & 0x7FFFF);
        } else {
            s.eccr |= ECCR_ECCD;
        }
        ctx.nmi();
    }

    @Override
    public void advanceTo(long nowPs) {
        if (s.busyUntil != Long.MIN_VALUE && nowPs >= s.busyUntil) {
            s.busyUntil = Long.MIN_VALUE;
            forgetInFlight();
            s.cr &= ~(CR_STRT | CR_OPTSTRT);
            if ((s.cr & CR_EOPIE) != 0) {
                s.sr |= SR_EOP;
            }
            updateIrq();
        }
    }

    private void updateIrq() {
        boolean level = ((s.cr & CR_EOPIE) != 0 && (s.sr & SR_EOP) != 0)
                || ((s.cr & CR_ERRIE) != 0 && (s.sr & (SR_PROG_ERRORS | SR_OPERR)) != 0);
        ctx.irq(FLASH_IRQ, level);
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == SR;
    }

    @Override
    public void reset(ResetCause cause) {
        boolean pempty = s.pempty;
        int loaded = s.loadedOptr;
        s = new State();
        if (cause == ResetCause.POWER_ON || cause == ResetCause.OPTION_BYTE_LOAD) {
            s.loadedOptr = options.l4Optr;
            s.pempty = mem.u32(0) == 0xFFFF_FFFF;
        } else {
            s.loadedOptr = loaded; // an OPTR write without OBL launch reverts on reset
            s.pempty = pempty;
        }
        s.optr = s.loadedOptr;
    }

    /** Loads OPTR from the option bytes now (what the reset after Readout Unprotect does). */
    public void reloadOptionBytes() {
        s.loadedOptr = options.l4Optr;
        s.optr = s.loadedOptr;
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
        int start = address & ~7;
        int end = address + data.length;
        for (int a = start; a < end; a += 8) {
            if (!mem.contains(a)) {
                return null;
            }
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                int b = a + i;
                int byteVal = b >= address && b < end ? data[b - address] & 0xFF : 0xFF;
                v = v << 8 | byteVal;
            }
            long d = programDoubleWord(a, v, t + total);
            if (d == -1) {
                return Duration.ofNanos(total / 1000);
            }
            if (d == -2) {
                s.sr &= ~(SR_PROGERR | SR_WRPERR);
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
            long d = erasePage(p, t + total);
            if (d == -2) {
                s.sr &= ~SR_WRPERR;
                return null;
            }
            if (d == -1) {
                return Duration.ofNanos(total / 1000);
            }
            total += d;
        }
        s.cr &= ~CR_STRT;
        s.busyUntil = total == 0 ? Long.MIN_VALUE : t + total;
        return Duration.ofNanos(total / 1000);
    }

    @Override
    public Duration romMassErase() {
        long d = eraseAll(ctx.nowPs());
        s.cr &= ~CR_STRT;
        if (d == -2) {
            s.sr &= ~SR_WRPERR;
            return null;
        }
        return Duration.ofNanos(Math.max(d, 0) / 1000);
    }
}
