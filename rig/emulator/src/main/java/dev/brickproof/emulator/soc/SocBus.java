package dev.brickproof.emulator.soc;

import dev.brickproof.emulator.cpu.Bus;
import dev.brickproof.emulator.cpu.BusFault;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The system bus of one STM32: boot alias at 0x0, main flash, SRAM (+ L4 SRAM2 and its alias), system
 * memory / OTP / engineering bytes / option bytes, bit-band aliases (0x2200_0000 → SRAM, 0x4200_0000 →
 * peripherals) and the peripheral register blocks. Flash and SRAM reads are array accesses (fast path);
 * everything else goes through {@link #slowRead}. Stores into flash go to the flash controller. The core
 * itself drops decoded instructions its own stores overwrite; changes made behind its back (ROM loader
 * writes to RAM, flash operations) are reported by the board through {@code CortexM.invalidateCode}.
 *
 * <p>An access to an address no peripheral claims in the peripheral regions (0x4000_0000..0x5FFF_FFFF,
 * 0xE000_0000..0xE00F_FFFF outside the core's SCS) is lenient by default (reads 0, writes ignored, address
 * recorded once) or a bus fault when strict. Anything else unmapped is a bus fault, as on silicon.
 */
public final class SocBus implements Bus {
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Where the boot alias at 0x0000_0000 points. */
    public enum BootSpace { FLASH, SYSTEM_MEMORY, SRAM }

    /** Peripheral clock gating (RCC enable and reset bits). */
    public interface ClockGate {
        /** False while the peripheral's clock is off: it reads 0 and ignores writes. */
        boolean clocked(Peripheral p);

        /** True while the peripheral is held in reset by its RCC reset bit: it ignores writes. */
        boolean heldInReset(Peripheral p);
    }

    /** Hears reads of pollable status registers (idle fast-forward detection). */
    public interface PollListener {
        void polled(int address, int value);
    }

    private final FlashMemory flash;
    private final FlashController flashController;
    private final int flashBase;
    private final int flashSize;
    /** SRAM, all banks contiguous (L4: SRAM1 48 KiB then SRAM2 16 KiB). */
    public final byte[] sram;
    private final int sramBase;
    private final int sramSize;
    private final int sram2AliasBase;
    private final int sram2Offset;
    private final int sram2Size;
    /** System memory through the option bytes: [systemBase, systemBase + system.length). */
    public final byte[] system;
    private final int systemBase;
    private final Map<Integer, Peripheral> peripheralPages = new HashMap<>();
    private final List<Peripheral> peripherals = new ArrayList<>();
    private final LinkedHashSet<Integer> unmodelled = new LinkedHashSet<>();
    private boolean strict;
    private BootSpace boot = BootSpace.FLASH;
    private PollListener pollListener = (a, v) -> { };
    private Runnable peripheralAccessHook = () -> { };
    private ClockGate clockGate = new ClockGate() {
        @Override
        public boolean clocked(Peripheral p) {
            return true;
        }

        @Override
        public boolean heldInReset(Peripheral p) {
            return false;
        }
    };
    /**
     * While frozen (power about to drop, reset pending) stores to flash and peripherals have no effect. SRAM
     * stores still land: the core keeps running until the cut, and its exception stacking must read back what
     * it wrote (an NMI taken in that window would otherwise return through garbage).
     */
    private boolean frozen;
    private int optionBase = -1;
    private int optionSize;
    /** True while the DMA masters the bus: no peripheral-time hook (the DMA runs inside it), no poll records. */
    private boolean dmaAccess;

    /** Where stores go to the flash controller as option-byte programming (F1 OPTPG). */
    public void setOptionBytesWindow(int base, int size) {
        this.optionBase = base;
        this.optionSize = size;
    }

    /** Counts every store (fast-forward detection: a polling loop stores nothing). */
    public long stores;

    public SocBus(FlashMemory flash, FlashController flashController, byte[] sram, int sramBase,
                  int sram2AliasBase, int sram2Offset, int sram2Size, byte[] system, int systemBase) {
        this.flash = flash;
        this.flashController = flashController;
        this.flashBase = flash.base;
        this.flashSize = flash.size;
        this.sram = sram;
        this.sramBase = sramBase;
        this.sramSize = sram.length;
        this.sram2AliasBase = sram2AliasBase;
        this.sram2Offset = sram2Offset;
        this.sram2Size = sram2Size;
        this.system = system;
        this.systemBase = systemBase;
    }

    public void add(Peripheral p) {
        if (p.base() % 0x400 != 0 || p.size() % 0x400 != 0) {
            throw new IllegalArgumentException(p.name() + ": base and size must be multiples of 1 KiB");
        }
        for (int i = 0; i < p.size(); i += 0x400) {
            Peripheral old = peripheralPages.put((p.base() + i) >>> 10, p);
            if (old != null) {
                throw new IllegalArgumentException(p.name() + " overlaps " + old.name());
            }
        }
        peripherals.add(p);
    }

    public List<Peripheral> peripherals() {
        return peripherals;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public void setBootSpace(BootSpace boot) {
        this.boot = boot;
    }

    public BootSpace bootSpace() {
        return boot;
    }

    public void setPollListener(PollListener l) {
        this.pollListener = l;
    }

    /** Decides which peripherals answer (RCC clock enables and resets). */
    public void setClockGate(ClockGate gate) {
        this.clockGate = gate;
    }

    /** Runs before every peripheral register access (the board brings peripheral time up to date). */
    public void setPeripheralAccessHook(Runnable hook) {
        this.peripheralAccessHook = hook;
    }

    /**
     * Frozen: every store is dropped. Used between the moment a power cut or reset is decided and the end of
     * the instruction chunk in which it happened, so nothing after that point has an effect.
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public List<Integer> unmodelledAddresses() {
        return List.copyOf(unmodelled);
    }

    public void restoreUnmodelled(List<Integer> list) {
        unmodelled.clear();
        unmodelled.addAll(list);
    }

    // ---------------------------------------------------------------- DMA master

    /**
     * A read by the DMA controller: as the core's, but peripheral time is not brought up to date (the DMA runs
     * inside a peripheral event or a register write, when it already is) and no status poll is recorded.
     */
    public int dmaRead(int address, int width) {
        boolean was = dmaAccess;
        dmaAccess = true;
        try {
            return switch (width) {
                case 1 -> read8(address);
                case 2 -> read16(address);
                default -> read32(address);
            };
        } finally {
            dmaAccess = was;
        }
    }

    /** A write by the DMA controller; it counts as a store (a loop polling the buffer it fills has moved on). */
    public void dmaWrite(int address, int value, int width) {
        boolean was = dmaAccess;
        dmaAccess = true;
        try {
            switch (width) {
                case 1 -> write8(address, value);
                case 2 -> write16(address, value);
                default -> write32(address, value);
            }
        } finally {
            dmaAccess = was;
        }
    }

    // ---------------------------------------------------------------- fast paths

    private static boolean in(int off, int size, int width) {
        return Integer.compareUnsigned(off, size - width) <= 0;
    }

    @Override
    public int read32(int a) {
        int off = a - flashBase;
        if (in(off, flashSize, 4) && !flash.checkedReads()) {
            return (int) LE32.get(flash.data, off);
        }
        off = a - sramBase;
        if (in(off, sramSize, 4)) {
            return (int) LE32.get(sram, off);
        }
        return slowRead(a, 4);
    }

    @Override
    public int read16(int a) {
        int off = a - flashBase;
        if (in(off, flashSize, 2) && !flash.checkedReads()) {
            return (short) LE16.get(flash.data, off) & 0xFFFF;
        }
        off = a - sramBase;
        if (in(off, sramSize, 2)) {
            return (short) LE16.get(sram, off) & 0xFFFF;
        }
        return slowRead(a, 2);
    }

    @Override
    public int fetch16(int a) {
        return read16(a);
    }

    @Override
    public int read8(int a) {
        int off = a - sramBase;
        if (Integer.compareUnsigned(off, sramSize) < 0) {
            return sram[off] & 0xFF;
        }
        off = a - flashBase;
        if (Integer.compareUnsigned(off, flashSize) < 0 && !flash.checkedReads()) {
            return flash.data[off] & 0xFF;
        }
        return slowRead(a, 1);
    }

    @Override
    public void write32(int a, int v) {
        stores++;
        int off = a - sramBase;
        if (in(off, sramSize, 4)) {
            LE32.set(sram, off, v);
            return;
        }
        if (frozen) {
            return;
        }
        slowWrite(a, v, 4);
    }

    @Override
    public void write16(int a, int v) {
        stores++;
        int off = a - sramBase;
        if (in(off, sramSize, 2)) {
            LE16.set(sram, off, (short) v);
            return;
        }
        if (frozen) {
            return;
        }
        slowWrite(a, v, 2);
    }

    @Override
    public void write8(int a, int v) {
        stores++;
        int off = a - sramBase;
        if (Integer.compareUnsigned(off, sramSize) < 0) {
            sram[off] = (byte) v;
            return;
        }
        if (frozen) {
            return;
        }
        slowWrite(a, v, 1);
    }

    // ---------------------------------------------------------------- slow paths

    private static int get(byte[] b, int off, int width) {
        return switch (width) {
            case 1 -> b[off] & 0xFF;
            case 2 -> (short) LE16.get(b, off) & 0xFFFF;
            default -> (int) LE32.get(b, off);
        };
    }

    private static void put(byte[] b, int off, int v, int width) {
        switch (width) {
            case 1 -> b[off] = (byte) v;
            case 2 -> LE16.set(b, off, (short) v);
            default -> LE32.set(b, off, v);
        }
    }

    /** The message for an access in the main-flash region (or its boot alias) beyond the chip's flash. */
    private String pastFlashEnd(int a, String access) {
        return String.format("%s at %s is past the end of main flash (0x%08X: %d KiB on this chip)", access, hex(a),
                flashBase + flashSize, flashSize / 1024);
    }

    private int flashRead(int off, int width) {
        if (!in(off, flashSize, width)) {
            throw new BusFault(flashBase + off, false, pastFlashEnd(flashBase + off, "read"));
        }
        if (flash.anyEccBad()) {
            int first = off >>> 3;
            int last = (off + width - 1) >>> 3;
            for (int dw = first; dw <= last; dw++) {
                if (flash.isEccBad(dw)) {
                    flashController.eccError(flashBase + dw * 8);
                }
            }
        }
        flash.noteRead(off, width);
        return get(flash.data, off, width);
    }

    private int slowRead(int a, int width) {
        long ua = a & 0xFFFF_FFFFL;
        int off = a - flashBase;
        if (Integer.compareUnsigned(off, flashSize) < 0) {
            return flashRead(off, width);
        }
        if (ua >= (flashBase & 0xFFFF_FFFFL) && ua < 0x1000_0000L) {
            throw new BusFault(a, false, pastFlashEnd(a, "read"));
        }
        if (ua < 0x1000_0000L) {
            return switch (boot) {
                case FLASH -> {
                    if (in(a, flashSize, width)) {
                        yield flashRead(a, width);
                    }
                    throw new BusFault(a, false, pastFlashEnd(a, "read through the boot alias"));
                }
                case SYSTEM_MEMORY -> {
                    if (in(a, system.length, width)) {
                        yield get(system, a, width);
                    }
                    throw new BusFault(a, false, "boot alias past system memory");
                }
                case SRAM -> {
                    if (in(a, sramSize, width)) {
                        yield get(sram, a, width);
                    }
                    throw new BusFault(a, false, "boot alias past SRAM");
                }
            };
        }
        off = a - sram2AliasBase;
        if (sram2Size > 0 && in(off, sram2Size, width)) {
            return get(sram, sram2Offset + off, width);
        }
        off = a - systemBase;
        if (in(off, system.length, width)) {
            return get(system, off, width);
        }
        if (ua >= 0x2200_0000L && ua < 0x2400_0000L) {
            int bitOff = a - 0x2200_0000;
            int target = sramBase + (bitOff >>> 5);
            return read8(target) >>> ((bitOff >>> 2) & 7) & 1;
        }
        if (ua >= 0x4200_0000L && ua < 0x4400_0000L) {
            int bitOff = a - 0x4200_0000;
            int word = 0x4000_0000 + ((bitOff >>> 5) & ~3);
            int bit = ((bitOff >>> 5) & 3) * 8 + ((bitOff >>> 2) & 7);
            return peripheralRead(word, 4) >>> bit & 1;
        }
        if ((ua >= 0x4000_0000L && ua < 0x6000_0000L) || (ua >= 0xE000_0000L && ua < 0xE010_0000L)) {
            return peripheralRead(a, width);
        }
        throw new BusFault(a, false, "no memory at " + hex(a));
    }

    private int peripheralRead(int a, int width) {
        if (!dmaAccess) {
            peripheralAccessHook.run();
        }
        Peripheral p = peripheralPages.get(a >>> 10);
        if (p == null) {
            return unmodelled(a, false);
        }
        int off = a - p.base();
        int word = clockGate.clocked(p) ? p.read(off & ~3) : 0;
        if (!dmaAccess && p.isPollable(off & ~3)) {
            pollListener.polled(a & ~3, word);
        }
        int shift = 8 * (off & 3);
        return switch (width) {
            case 1 -> word >>> shift & 0xFF;
            case 2 -> word >>> shift & 0xFFFF;
            default -> word;
        };
    }

    private int unmodelled(int a, boolean write) {
        if (strict) {
            throw new BusFault(a, write, "unmodelled peripheral address " + hex(a));
        }
        unmodelled.add(a);
        return 0;
    }

    private void slowWrite(int a, int v, int width) {
        long ua = a & 0xFFFF_FFFFL;
        int off = a - flashBase;
        if (Integer.compareUnsigned(off, flashSize) < 0) {
            flashController.writeMemory(a, v, width);
            return;
        }
        if (ua >= (flashBase & 0xFFFF_FFFFL) && ua < 0x1000_0000L) {
            throw new BusFault(a, true, pastFlashEnd(a, "store"));
        }
        if (ua < 0x1000_0000L) {
            switch (boot) {
                case FLASH -> {
                    if (in(a, flashSize, width)) {
                        flashController.writeMemory(flashBase + a, v, width);
                        return;
                    }
                }
                case SRAM -> {
                    if (in(a, sramSize, width)) {
                        put(sram, a, v, width);
                        return;
                    }
                }
                default -> { }
            }
            throw new BusFault(a, true, "store to read-only boot alias " + hex(a));
        }
        off = a - sram2AliasBase;
        if (sram2Size > 0 && in(off, sram2Size, width)) {
            put(sram, sram2Offset + off, v, width);
            return;
        }
        if (optionBase != -1 && in(a - optionBase, optionSize, width)) {
            flashController.writeOptionBytes(a, v, width);
            return;
        }
        if (ua >= 0x2200_0000L && ua < 0x2400_0000L) {
            int bitOff = a - 0x2200_0000;
            int target = sramBase + (bitOff >>> 5);
            int bit = (bitOff >>> 2) & 7;
            int old = read8(target);
            write8(target, (v & 1) != 0 ? old | 1 << bit : old & ~(1 << bit));
            return;
        }
        if (ua >= 0x4200_0000L && ua < 0x4400_0000L) {
            int bitOff = a - 0x4200_0000;
            int word = 0x4000_0000 + ((bitOff >>> 5) & ~3);
            int bit = ((bitOff >>> 5) & 3) * 8 + ((bitOff >>> 2) & 7);
            int old = peripheralRead(word, 4);
            peripheralWrite(word, (v & 1) != 0 ? old | 1 << bit : old & ~(1 << bit), 4);
            return;
        }
        if ((ua >= 0x4000_0000L && ua < 0x6000_0000L) || (ua >= 0xE000_0000L && ua < 0xE010_0000L)) {
            peripheralWrite(a, v, width);
            return;
        }
        throw new BusFault(a, true, "no writable memory at " + hex(a));
    }

    private void peripheralWrite(int a, int v, int width) {
        if (!dmaAccess) {
            peripheralAccessHook.run();
        }
        Peripheral p = peripheralPages.get(a >>> 10);
        if (p == null) {
            unmodelled(a, true);
            return;
        }
        int off = a - p.base();
        int shift = 8 * (off & 3);
        int value = switch (width) {
            case 1 -> (v & 0xFF) << shift;
            case 2 -> (v & 0xFFFF) << shift;
            default -> v;
        };
        if (clockGate.clocked(p) && !clockGate.heldInReset(p)) {
            p.write(off & ~3, value, width);
        }
    }

    // ---------------------------------------------------------------- side-effect-free access (debugger view)

    /** Reads memory as stored, without side effects; null where nothing readable is mapped. */
    public byte[] peek(int address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int a = address + i;
            int v = peekByte(a);
            if (v < 0) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private int peekByte(int a) {
        int off = a - flashBase;
        if (Integer.compareUnsigned(off, flashSize) < 0) {
            flash.noteRead(off, 1);
            return flash.data[off] & 0xFF;
        }
        off = a - sramBase;
        if (Integer.compareUnsigned(off, sramSize) < 0) {
            return sram[off] & 0xFF;
        }
        off = a - sram2AliasBase;
        if (sram2Size > 0 && Integer.compareUnsigned(off, sram2Size) < 0) {
            return sram[sram2Offset + off] & 0xFF;
        }
        off = a - systemBase;
        if (Integer.compareUnsigned(off, system.length) < 0) {
            return system[off] & 0xFF;
        }
        if ((a & 0xFFFF_FFFFL) < 0x1000_0000L) {
            if (boot == BootSpace.FLASH) {
                flash.noteRead(a, 1);
            }
            byte[] src = switch (boot) {
                case FLASH -> flash.data;
                case SYSTEM_MEMORY -> system;
                case SRAM -> sram;
            };
            return a < src.length ? src[a] & 0xFF : -1;
        }
        return -1;
    }

    /** Writes SRAM without side effects (ROM loader / provisioning); false when not RAM. */
    public boolean pokeRam(int address, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            int a = address + i;
            int off = a - sramBase;
            if (Integer.compareUnsigned(off, sramSize) < 0) {
                sram[off] = data[i];
                continue;
            }
            off = a - sram2AliasBase;
            if (sram2Size > 0 && Integer.compareUnsigned(off, sram2Size) < 0) {
                sram[sram2Offset + off] = data[i];
                continue;
            }
            return false;
        }
        return true;
    }

    public boolean isRam(int address, int length) {
        int off = address - sramBase;
        if (Integer.compareUnsigned(off, sramSize) < 0 && Integer.compareUnsigned(off + length, sramSize) <= 0) {
            return true;
        }
        off = address - sram2AliasBase;
        return sram2Size > 0 && Integer.compareUnsigned(off, sram2Size) < 0
                && Integer.compareUnsigned(off + length, sram2Size) <= 0;
    }

    static String hex(int v) {
        return String.format("0x%08X", v);
    }
}
