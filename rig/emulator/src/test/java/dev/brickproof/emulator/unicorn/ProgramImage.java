package dev.brickproof.emulator.unicorn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flash image built from firmware/unicorn (committed under resources/unicorn/) and the memory map both
 * engines give it: flash at 0x0800_0000 (aliased at 0 for the core's reset), 32 KiB RAM, {@link HostDevice}.
 */
public record ProgramImage(String name, byte[] bytes) {
    public static final int FLASH_BASE = 0x0800_0000;
    public static final int FLASH_SIZE = 0x2_0000;
    public static final int RAM_BASE = 0x2000_0000;
    public static final int RAM_SIZE = 0x8000;

    public static ProgramImage load(String name) {
        try (InputStream in = ProgramImage.class.getResourceAsStream("/unicorn/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /unicorn/" + name
                        + ".bin: run make in rig/emulator/src/test/firmware/unicorn");
            }
            return new ProgramImage(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int initialSp() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    public int resetVector() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    }

    /** A Unicorn engine with this image loaded, SP and PC taken from the vector table (Unicorn has no reset sequence: done here). */
    public UnicornArm openUnicorn(HostDevice device) {
        return openUnicorn(device, false);
    }

    /** As {@link #openUnicorn(HostDevice)}, on the Cortex-M4 model when {@code cortexM4}. */
    public UnicornArm openUnicorn(HostDevice device, boolean cortexM4) {
        UnicornArm uc = cortexM4 ? UnicornArm.openCortexM4() : UnicornArm.openCortexM3();
        uc.map(FLASH_BASE, FLASH_SIZE, false);
        uc.map(RAM_BASE, RAM_SIZE, true);
        uc.mapMmio(HostDevice.BASE, HostDevice.SIZE, device);
        uc.write(FLASH_BASE, bytes);
        uc.setReg(13, initialSp());
        uc.setReg(14, 0xFFFF_FFFF); // TakeReset (ARMv7-M ARM B1.5.5): LR preset to an illegal EXC_RETURN
        uc.setReg(15, resetVector());
        uc.setApsr(0); // APSR (and GE) is UNKNOWN after reset; Unicorn starts with Z set, the core all clear
        return uc;
    }

    /** The core's view: the same regions on a {@link RamBus}. */
    public RamBus bus(UnicornArm.MmioDevice device) {
        RamBus bus = new RamBus(FLASH_BASE, FLASH_SIZE, RAM_BASE, RAM_SIZE, HostDevice.BASE, HostDevice.SIZE, device);
        bus.loadCode(bytes);
        return bus;
    }
}
