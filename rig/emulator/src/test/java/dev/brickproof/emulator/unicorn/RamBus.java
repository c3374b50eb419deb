package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.Bus;
import dev.brickproof.emulator.cpu.BusFault;

/**
 * The simplest {@link Bus} for the differential runs and the benchmark: a read-only code region at 0, a RAM
 * region, and optionally one device window served by a Java callback. Everything else faults. Unaligned
 * accesses are assembled from bytes, as the bus matrix of a Cortex-M3 would.
 */
public final class RamBus implements Bus {
    private final int codeBase;
    private final byte[] code;
    private final int ramBase;
    private final byte[] ram;
    private final int deviceBase;
    private final int deviceSize;
    private final UnicornArm.MmioDevice device;
    private int codeWrites;

    public RamBus(int codeSize, int ramBase, int ramSize) {
        this(0, codeSize, ramBase, ramSize, 0, 0, null);
    }

    /** Code at {@code codeBase} (and aliased at 0, as STM32 flash is when booting from it). */
    public RamBus(int codeBase, int codeSize, int ramBase, int ramSize, int deviceBase, int deviceSize,
                  UnicornArm.MmioDevice device) {
        this.codeBase = codeBase;
        this.code = new byte[codeSize];
        this.ramBase = ramBase;
        this.ram = new byte[ramSize];
        this.deviceBase = deviceBase;
        this.deviceSize = deviceSize;
        this.device = device;
    }

    public void loadCode(byte[] image) {
        System.arraycopy(image, 0, code, 0, Math.min(image.length, code.length));
    }

    public void loadRam(byte[] bytes) {
        System.arraycopy(bytes, 0, ram, 0, Math.min(bytes.length, ram.length));
    }

    public byte[] ram() {
        return ram;
    }

    /** Writes the code region refused (Unicorn maps it read-only too). */
    public int codeWrites() {
        return codeWrites;
    }

    /** Offset into the code array, or -1. */
    private int codeOffset(int address) {
        int co = address - codeBase;
        if (Integer.compareUnsigned(co, code.length) < 0) {
            return co;
        }
        return Integer.compareUnsigned(address, code.length) < 0 ? address : -1;
    }

    private boolean inDevice(int address) {
        return device != null && Integer.compareUnsigned(address - deviceBase, deviceSize) < 0;
    }

    private int byteAt(int address, boolean write) {
        int ro = address - ramBase;
        if (Integer.compareUnsigned(ro, ram.length) < 0) {
            return ram[ro] & 0xFF;
        }
        int co = codeOffset(address);
        if (!write && co >= 0) {
            return code[co] & 0xFF;
        }
        throw new BusFault(address, write, "unmapped");
    }

    private void putByte(int address, int value) {
        int ro = address - ramBase;
        if (Integer.compareUnsigned(ro, ram.length) < 0) {
            ram[ro] = (byte) value;
            return;
        }
        if (codeOffset(address) >= 0) {
            codeWrites++;
        }
        throw new BusFault(address, true, "unmapped or read-only");
    }

    @Override
    public int read8(int address) {
        if (inDevice(address)) {
            return device.read(address - deviceBase, 1) & 0xFF;
        }
        return byteAt(address, false);
    }

    @Override
    public int read16(int address) {
        int ro = address - ramBase;
        if ((address & 1) == 0 && Integer.compareUnsigned(ro, ram.length - 1) < 0) {
            return ram[ro] & 0xFF | (ram[ro + 1] & 0xFF) << 8;
        }
        int co = address - codeBase;
        if ((address & 1) == 0 && Integer.compareUnsigned(co, code.length - 1) < 0) {
            return code[co] & 0xFF | (code[co + 1] & 0xFF) << 8;
        }
        if (inDevice(address)) {
            return device.read(address - deviceBase, 2) & 0xFFFF;
        }
        return byteAt(address, false) | byteAt(address + 1, false) << 8;
    }

    @Override
    public int read32(int address) {
        int ro = address - ramBase;
        if ((address & 3) == 0 && Integer.compareUnsigned(ro, ram.length - 3) < 0) {
            return ram[ro] & 0xFF | (ram[ro + 1] & 0xFF) << 8 | (ram[ro + 2] & 0xFF) << 16 | ram[ro + 3] << 24;
        }
        int co = address - codeBase;
        if ((address & 3) == 0 && Integer.compareUnsigned(co, code.length - 3) < 0) {
            return code[co] & 0xFF | (code[co + 1] & 0xFF) << 8 | (code[co + 2] & 0xFF) << 16 | code[co + 3] << 24;
        }
        if (inDevice(address)) {
            return device.read(address - deviceBase, 4);
        }
        return byteAt(address, false) | byteAt(address + 1, false) << 8 | byteAt(address + 2, false) << 16
                | byteAt(address + 3, false) << 24;
    }

    @Override
    public void write8(int address, int value) {
        if (inDevice(address)) {
            device.write(address - deviceBase, 1, value & 0xFF);
            return;
        }
        putByte(address, value);
    }

    @Override
    public void write16(int address, int value) {
        if (inDevice(address)) {
            device.write(address - deviceBase, 2, value & 0xFFFF);
            return;
        }
        byteAt(address + 1, true); // fault before any byte changes
        putByte(address, value);
        putByte(address + 1, value >>> 8);
    }

    @Override
    public void write32(int address, int value) {
        int ro = address - ramBase;
        if ((address & 3) == 0 && Integer.compareUnsigned(ro, ram.length - 3) < 0) {
            ram[ro] = (byte) value;
            ram[ro + 1] = (byte) (value >>> 8);
            ram[ro + 2] = (byte) (value >>> 16);
            ram[ro + 3] = (byte) (value >>> 24);
            return;
        }
        if (inDevice(address)) {
            device.write(address - deviceBase, 4, value);
            return;
        }
        byteAt(address, true);
        byteAt(address + 3, true);
        for (int i = 0; i < 4; i++) {
            putByte(address + i, value >>> (8 * i));
        }
    }

    @Override
    public int fetch16(int address) {
        int co = address - codeBase;
        if ((address & 1) == 0 && Integer.compareUnsigned(co, code.length - 1) < 0) {
            return code[co] & 0xFF | (code[co + 1] & 0xFF) << 8;
        }
        return read16(address);
    }
}
