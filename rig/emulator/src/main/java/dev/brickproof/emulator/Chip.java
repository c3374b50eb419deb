package dev.brickproof.emulator;

/**
 * The parts the emulator models, with the memory facts every layer needs.
 * Numbers from shared/reference/STM32_IAP_FACTS.md section 1.
 */
public enum Chip {
    STM32F103C8(0x0800_0000, 64 * 1024, 1024, 2, 0x2000_0000, 20 * 1024, 0x410, 0x1FFF_F000, 2 * 1024, 72_000_000),
    STM32L431RC(0x0800_0000, 256 * 1024, 2048, 8, 0x2000_0000, 48 * 1024, 0x435, 0x1FFF_0000, 28 * 1024, 80_000_000);

    private final int flashBase;
    private final int flashSize;
    private final int pageSize;
    private final int programUnit;
    private final int sramBase;
    private final int sramSize;
    private final int productId;
    private final int systemMemoryBase;
    private final int systemMemorySize;
    private final long maxSysclkHz;

    Chip(int flashBase, int flashSize, int pageSize, int programUnit, int sramBase, int sramSize,
         int productId, int systemMemoryBase, int systemMemorySize, long maxSysclkHz) {
        this.flashBase = flashBase;
        this.flashSize = flashSize;
        this.pageSize = pageSize;
        this.programUnit = programUnit;
        this.sramBase = sramBase;
        this.sramSize = sramSize;
        this.productId = productId;
        this.systemMemoryBase = systemMemoryBase;
        this.systemMemorySize = systemMemorySize;
        this.maxSysclkHz = maxSysclkHz;
    }

    public int flashBase() { return flashBase; }

    public int flashSize() { return flashSize; }

    /** Erase unit in bytes: 1 KiB on the F103C8, 2 KiB on the L431RC. */
    public int pageSize() { return pageSize; }

    /** Program unit in bytes: a half-word (2) on F1, a double-word (8) on L4. */
    public int programUnit() { return programUnit; }

    public int pageCount() { return flashSize / pageSize; }

    public int sramBase() { return sramBase; }

    public int sramSize() { return sramSize; }

    /** DEV_ID in DBGMCU_IDCODE and the PID the ROM bootloader's Get ID returns. */
    public int productId() { return productId; }

    public int systemMemoryBase() { return systemMemoryBase; }

    public int systemMemorySize() { return systemMemorySize; }

    public long maxSysclkHz() { return maxSysclkHz; }

    /** True for the Cortex-M4F part (ARMv7E-M DSP instructions, FPv4-SP unit present). */
    public boolean isCortexM4() { return this == STM32L431RC; }

    public boolean containsFlash(long address) {
        long a = address & 0xFFFF_FFFFL;
        return a >= (flashBase & 0xFFFF_FFFFL) && a < (flashBase & 0xFFFF_FFFFL) + flashSize;
    }
}
