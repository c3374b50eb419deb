package dev.brickproof.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The STM32 parts Brickproof knows, as data every layer shares (the hardware rig, the emulator, manifest
 * validation): memory map, flash geometry, program unit, datasheet flash timings and the system-memory
 * (ROM bootloader) address. Numbers from shared/reference/STM32_IAP_FACTS.md section 1 and the datasheets.
 */
public enum Chip {
    /** Medium-density F103 with 64 KiB flash (the "Blue Pill" part). */
    STM32F103C8(Family.F1, 0x0800_0000, 64 * 1024, 1024, 2, 0x2000_0000, 20 * 1024, 0x410, 0x1FFF_F000, 2 * 1024,
            0x1FFF_F800, 72_000_000, FlashTimings.F1),
    /** Medium-density F103 with 128 KiB flash: many boards sold as "C8" carry this part (same DEV_ID 0x410). */
    STM32F103CB(Family.F1, 0x0800_0000, 128 * 1024, 1024, 2, 0x2000_0000, 20 * 1024, 0x410, 0x1FFF_F000, 2 * 1024,
            0x1FFF_F800, 72_000_000, FlashTimings.F1),
    STM32L431RC(Family.L4, 0x0800_0000, 256 * 1024, 2048, 8, 0x2000_0000, 48 * 1024, 0x435, 0x1FFF_0000, 28 * 1024,
            0x1FFF_7800, 80_000_000, FlashTimings.L4);

    /** The series: core, flash controller and peripheral layout follow from it. */
    public enum Family {
        /** STM32F1: Cortex-M3, half-word programming, 1 KiB pages (medium density). */
        F1,
        /** STM32L4: Cortex-M4F, double-word programming with ECC, 2 KiB pages. */
        L4
    }

    /**
     * Datasheet flash timings (typical/maximum values the ROM bootloader and the emulator use).
     *
     * @param pageErase      one page erase
     * @param massErase      whole-bank erase
     * @param perProgramUnit one program unit (half-word on F1, double-word on L4)
     */
    public record FlashTimings(Duration pageErase, Duration massErase, Duration perProgramUnit) {
        static final FlashTimings F1 = new FlashTimings(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofNanos(52_500));
        static final FlashTimings L4 = new FlashTimings(Duration.ofMillis(22), Duration.ofMillis(23), Duration.ofNanos(81_700));
    }

    private final Family family;
    private final int flashBase;
    private final int flashSize;
    private final int pageSize;
    private final int programUnit;
    private final int sramBase;
    private final int sramSize;
    private final int productId;
    private final int systemMemoryBase;
    private final int systemMemorySize;
    private final int optionBytesBase;
    private final long maxSysclkHz;
    private final FlashTimings flashTimings;

    Chip(Family family, int flashBase, int flashSize, int pageSize, int programUnit, int sramBase, int sramSize,
         int productId, int systemMemoryBase, int systemMemorySize, int optionBytesBase, long maxSysclkHz,
         FlashTimings flashTimings) {
        this.family = family;
        this.flashBase = flashBase;
        this.flashSize = flashSize;
        this.pageSize = pageSize;
        this.programUnit = programUnit;
        this.sramBase = sramBase;
        this.sramSize = sramSize;
        this.productId = productId;
        this.systemMemoryBase = systemMemoryBase;
        this.systemMemorySize = systemMemorySize;
        this.optionBytesBase = optionBytesBase;
        this.maxSysclkHz = maxSysclkHz;
        this.flashTimings = flashTimings;
    }

    public Family family() { return family; }

    public int flashBase() { return flashBase; }

    public int flashSize() { return flashSize; }

    /** Exclusive end address of main flash. */
    public long flashEnd() { return (flashBase & 0xFFFF_FFFFL) + flashSize; }

    /** Erase unit in bytes: 1 KiB on the F103, 2 KiB on the L431RC. */
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

    /** Address of the option-byte area (as read through the ROM bootloader). */
    public int optionBytesBase() { return optionBytesBase; }

    public long maxSysclkHz() { return maxSysclkHz; }

    public FlashTimings flashTimings() { return flashTimings; }

    /** True for the Cortex-M4F parts (ARMv7E-M DSP instructions, FPv4-SP unit present). */
    public boolean isCortexM4() { return family == Family.L4; }

    public boolean containsFlash(long address) {
        long a = address & 0xFFFF_FFFFL;
        return a >= (flashBase & 0xFFFF_FFFFL) && a < flashEnd();
    }

    /** True when {@code [address, address + length)} lies in the chip's SRAM. */
    public boolean containsSram(long address, long length) {
        long a = address & 0xFFFF_FFFFL;
        long base = sramBase & 0xFFFF_FFFFL;
        return a >= base && a + length <= base + sramSize;
    }

    /** The part named {@code name} (case-insensitive), or empty. */
    public static java.util.Optional<Chip> named(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Every part's name, for error messages that list the known values. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Chip::name).toList();
    }
}
