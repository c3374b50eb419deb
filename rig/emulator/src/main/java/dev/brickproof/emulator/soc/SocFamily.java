package dev.brickproof.emulator.soc;

import dev.brickproof.api.Chip;

/**
 * The STM32 family a board is built from, and the facts that differ between families as data: SRAM layout,
 * system-memory image geometry, DBGMCU revision, GPIO ports and their addresses, the block holding EXTICR, the
 * USART register layout, the IWDG's LSI clock. Peripherals take a family instead of a {@code boolean l4}; where
 * behaviour (not just a number) differs they ask the family a named question ({@link #hasConfigurableCrc()}, ...).
 * RM0008 (F1), RM0394 (L4).
 */
public enum SocFamily {
    /** STM32F1: GPIO on APB2 at 0x4001_0800, AFIO, fixed CRC-32, 20 EXTI lines, LSI 40 kHz. */
    F1(0x2003_0000, 0x810, 0x800, new char[] {'A', 'B', 'C', 'D', 'E'}, 0x4001_0800, "AFIO", 40_000,
            Usart.Layout.F1, 0, 0, 0),
    /** STM32L4: GPIO on AHB2 at 0x4800_0000, SYSCFG, configurable CRC, SRAM2 aliased at 0x1000_0000, LSI 32 kHz. */
    L4(0x1001_0000, 0x7830, 0x7800, new char[] {'A', 'B', 'C', 'D', 'E', 'H'}, 0x4800_0000, "SYSCFG", 32_000,
            Usart.Layout.L4, 0x1000_0000, 48 * 1024, 16 * 1024);

    private final int idcodeRevision;
    private final int systemImageLength;
    private final int optionBytesOffset;
    private final char[] gpioPorts;
    private final int gpioBase;
    private final String exticrBlock;
    private final int lsiHz;
    private final Usart.Layout usartLayout;
    private final int sram2Alias;
    private final int sram1Bytes;
    private final int sram2Bytes;

    SocFamily(int idcodeRevision, int systemImageLength, int optionBytesOffset, char[] gpioPorts, int gpioBase,
              String exticrBlock, int lsiHz, Usart.Layout usartLayout, int sram2Alias, int sram1Bytes,
              int sram2Bytes) {
        this.idcodeRevision = idcodeRevision;
        this.systemImageLength = systemImageLength;
        this.optionBytesOffset = optionBytesOffset;
        this.gpioPorts = gpioPorts;
        this.gpioBase = gpioBase;
        this.exticrBlock = exticrBlock;
        this.lsiHz = lsiHz;
        this.usartLayout = usartLayout;
        this.sram2Alias = sram2Alias;
        this.sram1Bytes = sram1Bytes;
        this.sram2Bytes = sram2Bytes;
    }

    public static SocFamily of(Chip chip) {
        return switch (chip.family()) {
            case F1 -> F1;
            case L4 -> L4;
        };
    }

    /** Total SRAM bytes in the contiguous array (L4: SRAM1 48 KiB + SRAM2 16 KiB; F1: the part's SRAM). */
    int sramBytes(Chip chip) {
        return sram2Bytes == 0 ? chip.sramSize() : sram1Bytes + sram2Bytes;
    }

    /** Where SRAM2 is aliased (L4 0x1000_0000), 0 when the family has no SRAM2. */
    int sram2Alias() {
        return sram2Alias;
    }

    int sram1Bytes() {
        return sram1Bytes;
    }

    int sram2Bytes() {
        return sram2Bytes;
    }

    /** Bytes of system memory through the end of the option-byte area, as one readable image. */
    int systemImageLength() {
        return systemImageLength;
    }

    /** Offset of the option-byte area within that image. */
    int optionBytesOffset() {
        return optionBytesOffset;
    }

    /** DBGMCU_IDCODE: REV_ID << 16 | DEV_ID. */
    int idcode(Chip chip) {
        return idcodeRevision | chip.productId();
    }

    char[] gpioPorts() {
        return gpioPorts.clone();
    }

    int gpioBase(char port) {
        return gpioBase + 0x400 * (port - 'A');
    }

    /** The plain register block holding EXTICR1..4 at 0x08 (F1 AFIO, L4 SYSCFG). */
    String exticrBlock() {
        return exticrBlock;
    }

    /** The IWDG's LSI clock. */
    int lsiHz() {
        return lsiHz;
    }

    Usart.Layout usartLayout() {
        return usartLayout;
    }

    /** L4 GPIO (MODER/OTYPER/AFR…) rather than F1 CRL/CRH configuration nibbles. */
    boolean hasModerGpio() {
        return this == L4;
    }

    /** L4 CRC: CR.POLYSIZE/REV_IN/REV_OUT, INIT and POL, byte/half-word feeds; F1: fixed CRC-32 on words. */
    boolean hasConfigurableCrc() {
        return this == L4;
    }

    /** L4 DMA1 has CSELR request selection; on the F1 each request is hard-wired to its channel. */
    boolean hasDmaRequestSelection() {
        return this == L4;
    }

    /** L4 EXTI has a second register bank (lines 32+); F1 has lines 0–19 in one bank. */
    boolean hasExtendedExti() {
        return this == L4;
    }

    /** L4: BOOT0 is read on PH3 and boot space from OPTR (nBOOT0/nSWBOOT0/nBOOT1) and the empty check. */
    boolean bootsFromOptionBytes() {
        return this == L4;
    }
}
