package dev.brickproof.emulator.rom;

import dev.brickproof.api.Chip;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A stand-alone {@link RomTarget}: flash, SRAM, system memory and option bytes in arrays, flash
 * programming that can only clear bits (like NOR flash), datasheet busy times. For tests of the ROM
 * bootloader model and of host tools against it (stm32flash, our AN3155 client) without a whole board.
 */
public final class MemoryRomTarget implements RomTarget {
    private final Chip chip;
    private final byte[] flash;
    private final byte[] sram;
    private final byte[] system;
    private final byte[] options = new byte[16];
    private final IntConsumer transmitter;
    private volatile Integer goAddress;
    private Duration pageErase;
    private Duration massErase;
    private Duration perProgramUnit;
    private int writes;

    public MemoryRomTarget(Chip chip, IntConsumer transmitter) {
        this.chip = Objects.requireNonNull(chip, "chip");
        this.transmitter = transmitter == null ? b -> { } : transmitter;
        this.flash = new byte[chip.flashSize()];
        Arrays.fill(flash, (byte) 0xFF);
        this.sram = new byte[chip.sramSize()];
        this.system = new byte[chip.systemMemorySize()];
        Arrays.fill(options, (byte) 0xFF);
        this.pageErase = chip.flashTimings().pageErase();
        this.massErase = chip.flashTimings().massErase();
        this.perProgramUnit = chip.flashTimings().perProgramUnit();
    }

    /** Busy times used for the loader's delayed ACKs (defaults: datasheet typical/max values). */
    public synchronized MemoryRomTarget withBusyTimes(Duration pageErase, Duration massErase, Duration perProgramUnit) {
        this.pageErase = pageErase;
        this.massErase = massErase;
        this.perProgramUnit = perProgramUnit;
        return this;
    }

    @Override
    public Chip chip() {
        return chip;
    }

    private long optionBase() {
        return chip.optionBytesBase() & 0xFFFF_FFFFL;
    }

    @Override
    public synchronized byte[] read(int address, int length) {
        long a = address & 0xFFFF_FFFFL;
        byte[] region = regionOf(a, length);
        if (region == null) {
            return null;
        }
        int offset = (int) (a - baseOf(region));
        return Arrays.copyOfRange(region, offset, offset + length);
    }

    private long baseOf(byte[] region) {
        if (region == flash) {
            return chip.flashBase() & 0xFFFF_FFFFL;
        }
        if (region == sram) {
            return chip.sramBase() & 0xFFFF_FFFFL;
        }
        if (region == system) {
            return chip.systemMemoryBase() & 0xFFFF_FFFFL;
        }
        return optionBase();
    }

    private byte[] regionOf(long a, int length) {
        for (byte[] region : new byte[][] {flash, sram, system, options}) {
            long base = baseOf(region);
            if (a >= base && a + length <= base + region.length) {
                return region;
            }
        }
        return null;
    }

    @Override
    public synchronized Duration write(int address, byte[] data) {
        long a = address & 0xFFFF_FFFFL;
        byte[] region = regionOf(a, data.length);
        if (region == null || region == system || region == options) {
            return null;
        }
        int offset = (int) (a - baseOf(region));
        writes++;
        if (region == sram) {
            System.arraycopy(data, 0, sram, offset, data.length);
            return Duration.ZERO;
        }
        for (int i = 0; i < data.length; i++) {
            flash[offset + i] &= data[i]; // programming only clears bits
        }
        int units = (data.length + chip.programUnit() - 1) / chip.programUnit();
        return perProgramUnit.multipliedBy(units);
    }

    @Override
    public synchronized Duration erasePages(int[] pages) {
        for (int page : pages) {
            if (page < 0 || page >= chip.pageCount()) {
                return null;
            }
        }
        for (int page : pages) {
            Arrays.fill(flash, page * chip.pageSize(), (page + 1) * chip.pageSize(), (byte) 0xFF);
        }
        return pageErase.multipliedBy(pages.length);
    }

    @Override
    public synchronized Duration massErase() {
        Arrays.fill(flash, (byte) 0xFF);
        return massErase;
    }

    @Override
    public void go(int address) {
        goAddress = address;
    }

    @Override
    public void transmit(int value) {
        transmitter.accept(value & 0xFF);
    }

    /** A copy of main flash. */
    public synchronized byte[] flash() {
        return flash.clone();
    }

    /** Puts bytes into flash directly (test setup, no rules). */
    public synchronized void preload(int address, byte[] data) {
        System.arraycopy(data, 0, flash, address - chip.flashBase(), data.length);
    }

    /** The address Go jumped to, or null. */
    public Integer goAddress() {
        return goAddress;
    }

    public synchronized int writeCount() {
        return writes;
    }
}
