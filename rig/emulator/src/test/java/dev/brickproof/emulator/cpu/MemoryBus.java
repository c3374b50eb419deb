package dev.brickproof.emulator.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Test bus: 128 KiB flash at 0x0800_0000 (also seen at 0x0000_0000, like BOOT0 = 0), 64 KiB RAM at
 * 0x2000_0000, a 4 KiB scratch "device" at 0x4000_0000. Everything else raises {@link BusFault}.
 * Counts instruction fetches so tests can see the decoded-instruction cache at work.
 */
final class MemoryBus implements Bus {
    static final int FLASH = 0x0800_0000;
    static final int RAM = 0x2000_0000;
    static final int DEVICE = 0x4000_0000;

    final byte[] flash = new byte[128 * 1024];
    final byte[] ram = new byte[64 * 1024];
    final byte[] device = new byte[4096];
    long fetches;

    MemoryBus() {
        java.util.Arrays.fill(flash, (byte) 0xFF);
    }

    static MemoryBus withImage(String resource) {
        MemoryBus bus = new MemoryBus();
        try (InputStream in = MemoryBus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test image " + resource);
            }
            byte[] image = in.readAllBytes();
            System.arraycopy(image, 0, bus.flash, 0, image.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bus;
    }

    private byte[] memory(int address, boolean write) {
        int top = address >>> 24;
        if ((top == 0x00 || top == 0x08) && (address & 0x00FF_FFFF) < flash.length) {
            return write ? null : flash;
        }
        if (top == 0x20 && (address & 0x00FF_FFFF) < ram.length) {
            return ram;
        }
        if (top == 0x40 && (address & 0x00FF_FFFF) < device.length) {
            return device;
        }
        return null;
    }

    private byte[] target(int address, boolean write) {
        byte[] m = memory(address, write);
        if (m == null) {
            throw new BusFault(address, write, "no memory at 0x" + Integer.toHexString(address));
        }
        return m;
    }

    @Override
    public int read8(int address) {
        return target(address, false)[address & 0xFFFFFF] & 0xFF;
    }

    @Override
    public int read16(int address) {
        byte[] m = target(address, false);
        int o = address & 0xFFFFFF;
        return (m[o] & 0xFF) | ((m[o + 1] & 0xFF) << 8);
    }

    @Override
    public int read32(int address) {
        byte[] m = target(address, false);
        int o = address & 0xFFFFFF;
        return (m[o] & 0xFF) | ((m[o + 1] & 0xFF) << 8) | ((m[o + 2] & 0xFF) << 16) | (m[o + 3] << 24);
    }

    @Override
    public void write8(int address, int value) {
        target(address, true)[address & 0xFFFFFF] = (byte) value;
    }

    @Override
    public void write16(int address, int value) {
        byte[] m = target(address, true);
        int o = address & 0xFFFFFF;
        m[o] = (byte) value;
        m[o + 1] = (byte) (value >>> 8);
    }

    @Override
    public void write32(int address, int value) {
        byte[] m = target(address, true);
        int o = address & 0xFFFFFF;
        m[o] = (byte) value;
        m[o + 1] = (byte) (value >>> 8);
        m[o + 2] = (byte) (value >>> 16);
        m[o + 3] = (byte) (value >>> 24);
    }

    @Override
    public int fetch16(int address) {
        fetches++;
        return read16(address);
    }

    int ramWord(int address) {
        int o = address - RAM;
        return (ram[o] & 0xFF) | ((ram[o + 1] & 0xFF) << 8) | ((ram[o + 2] & 0xFF) << 16) | (ram[o + 3] << 24);
    }

    void putFlash16(int offset, int halfword) {
        flash[offset] = (byte) halfword;
        flash[offset + 1] = (byte) (halfword >>> 8);
    }

    void putFlash32(int offset, int word) {
        putFlash16(offset, word);
        putFlash16(offset + 2, word >>> 16);
    }
}
