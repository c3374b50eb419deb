package dev.brickproof.emulator.cpu;

/**
 * What the core sees of the system: every data access and instruction fetch goes through here.
 * Addresses are 32-bit unsigned values held in an {@code int}. Little-endian.
 *
 * <p>An access that no device answers, or that a device rejects, throws {@link BusFault}; the core turns it
 * into a BusFault/HardFault exception (never a Java exception escaping {@link CortexM#step()}).
 * The System Control Space (0xE000_E000..0xE000_EFFF: SCB, NVIC, SysTick) is the core's own and is
 * never routed to the bus.
 */
public interface Bus {
    int read8(int address);

    int read16(int address);

    int read32(int address);

    void write8(int address, int value);

    void write16(int address, int value);

    void write32(int address, int value);

    /** Instruction fetch of one half-word (may be faster than {@link #read16}; same faults). */
    default int fetch16(int address) {
        return read16(address);
    }
}
