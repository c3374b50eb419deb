package dev.brickproof.emulator.soc;

import dev.brickproof.api.Chip;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-part facts the board needs beyond {@link Chip}: SRAM layout, the system-memory image (boot vectors,
 * flash-size register, unique ID, option bytes), the peripheral map. One place to extend for a new part.
 */
final class ChipParts {
    private ChipParts() { }

    private static boolean isL4(Chip chip) {
        return SocFamily.of(chip) == SocFamily.L4;
    }

    /** System memory through the end of the option-byte area, as one readable image. */
    static byte[] systemImage(Chip chip, long seed) {
        SocFamily family = SocFamily.of(chip);
        byte[] b = new byte[family.systemImageLength()];
        // unexecuted ROM body: "b ." half-words, so a stray jump spins instead of running garbage
        for (int i = 0; i + 1 < chip.systemMemorySize(); i += 2) {
            b[i] = (byte) 0xFE;
            b[i + 1] = (byte) 0xE7;
        }
        if (family == SocFamily.L4) {
            put32(b, 0, 0x2000_3100);             // placeholder loader stack (loader RAM starts at 0x2000_3100)
            put32(b, 4, chip.systemMemoryBase() + 0x21);
            for (int i = 0x7000; i < 0x7400; i++) {
                b[i] = (byte) 0xFF;              // OTP, erased
            }
            putUid(b, 0x7590, seed);
            put16(b, 0x75E0, chip.flashSize() / 1024);
        } else {
            put32(b, 0, 0x2000_01FC);
            put32(b, 4, 0x1FFF_F021);
            putUid(b, 0x7E8, seed);
            put16(b, 0x7E0, chip.flashSize() / 1024);
        }
        return b;
    }

    private static void putUid(byte[] b, int off, long seed) {
        long x = seed * 0x9E37_79B9_7F4A_7C15L + 0x5354_4D33_32L;
        for (int i = 0; i < 12; i++) {
            x ^= x >>> 29;
            x *= 0xBF58_476D_1CE4_E5B9L;
            b[off + i] = (byte) (x >>> 40);
        }
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * Attaches every gated peripheral to its RCC clock-enable and reset bits (RM0008 §7.3, RM0394 §6.4). The F103
     * has no AHB reset register, so its CRC unit and DMA1 have no RCC reset (CR.RESET only resets the computation).
     */
    static void gateClocks(Chip chip, Rcc rcc, Usart usart1, Crc crc, Dma dma, Map<Character, Gpio> gpios,
                           Map<String, RegisterFile> plain, java.util.List<TimeBaseTimer> timers) {
        if (isL4(chip)) {
            for (int i = 0; i < timers.size(); i++) {
                rcc.attach(timers.get(i), Rcc.L4_APB1ENR1, 4 + i, Rcc.L4_APB1RSTR1, 4 + i);   // TIM6, TIM7
            }
            rcc.attach(usart1, Rcc.L4_APB2ENR, 14, Rcc.L4_APB2RSTR, 14);
            rcc.attach(crc, Rcc.L4_AHB1ENR, 12, Rcc.L4_AHB1RSTR, 12);
            rcc.attach(dma, Rcc.L4_AHB1ENR, 0, Rcc.L4_AHB1RSTR, 0);                        // DMA1EN, DMA1RST
            gpios.forEach((port, g) -> {
                int bit = port == 'H' ? 7 : port - 'A';
                rcc.attach(g, Rcc.L4_AHB2ENR, bit, Rcc.L4_AHB2RSTR, bit);
            });
            rcc.attach(plain.get("SYSCFG"), Rcc.L4_APB2ENR, 0, Rcc.L4_APB2RSTR, 0);
            rcc.attach(plain.get("PWR"), Rcc.L4_APB1ENR1, 28, Rcc.L4_APB1RSTR1, 28);
        } else {
            for (int i = 0; i < timers.size(); i++) {
                rcc.attach(timers.get(i), Rcc.F1_APB1ENR, i, Rcc.F1_APB1RSTR, i);              // TIM2..TIM4
            }
            rcc.attach(usart1, Rcc.F1_APB2ENR, 14, Rcc.F1_APB2RSTR, 14);
            rcc.attach(crc, Rcc.F1_AHBENR, 6, -1, 0);
            rcc.attach(dma, Rcc.F1_AHBENR, 0, -1, 0);                                       // DMA1EN
            gpios.forEach((port, g) -> rcc.attach(g, Rcc.F1_APB2ENR, 2 + port - 'A', Rcc.F1_APB2RSTR, 2 + port - 'A'));
            rcc.attach(plain.get("AFIO"), Rcc.F1_APB2ENR, 0, Rcc.F1_APB2RSTR, 0);
            rcc.attach(plain.get("PWR"), Rcc.F1_APB1ENR, 28, Rcc.F1_APB1RSTR, 28);
        }
    }

    /** The timers modelled as HAL time bases: F1 TIM2–TIM4 (IRQ 28–30), L4 TIM6/TIM7 (IRQ 54/55), on APB1. */
    static java.util.List<TimeBaseTimer> timers(Chip chip, SocContext ctx, Rcc rcc) {
        if (isL4(chip)) {
            return java.util.List.of(new TimeBaseTimer("TIM6", 0x4000_1000, 54, ctx, rcc::apb1TimerHz),
                    new TimeBaseTimer("TIM7", 0x4000_1400, 55, ctx, rcc::apb1TimerHz));
        }
        return java.util.List.of(new TimeBaseTimer("TIM2", 0x4000_0000, 28, ctx, rcc::apb1TimerHz),
                new TimeBaseTimer("TIM3", 0x4000_0400, 29, ctx, rcc::apb1TimerHz),
                new TimeBaseTimer("TIM4", 0x4000_0800, 30, ctx, rcc::apb1TimerHz));
    }

    /**
     * DMA1 with the requests the emulator models: USART1 TX on channel 4 and RX on channel 5 (RM0008's DMA1 request
     * table); on the L4 selected by request 2 in CSELR C4S/C5S (RM0394's DMA1 request mapping). IRQs
     * DMA1_Channel1..7 = 11..17 (the CMSIS device headers of both parts).
     */
    static Dma dma1(Chip chip, SocContext ctx, Usart usart1) {
        Dma dma = new Dma(SocFamily.of(chip), 11, ctx);
        dma.connect(new Dma.Request(4, 2, "USART1_TX", usart1::txDmaRequest));
        dma.connect(new Dma.Request(5, 2, "USART1_RX", usart1::rxDmaRequest));
        usart1.onDmaRequestChange(dma::requestChanged);
        return dma;
    }

    /** Plain register blocks (configured by firmware, no behaviour beyond storage and ready bits). */
    static Map<String, RegisterFile> plainBlocks(Chip chip) {
        Map<String, RegisterFile> m = new LinkedHashMap<>();
        if (isL4(chip)) {
            // PWR: CR1 VOS = range 1; SR2.VOSF/REGLPF read 0 (regulator always ready)
            m.put("PWR", new RegisterFile("PWR", 0x4000_7000, 0x400, Map.of(0x00, 0x0000_0200, 0x08, 0x0000_8000),
                    Map.of(), Map.of(0x10, -1, 0x14, -1)));
            m.put("SYSCFG", new RegisterFile("SYSCFG", 0x4001_0000, 0x400, Map.of(), Map.of(), Map.of()));
        } else {
            m.put("PWR", new RegisterFile("PWR", 0x4000_7000, 0x400, Map.of(), Map.of(), Map.of(0x04, 0x7)));
            m.put("AFIO", new RegisterFile("AFIO", 0x4001_0000, 0x400, Map.of(), Map.of(), Map.of()));
        }
        m.put("DBGMCU", new RegisterFile("DBGMCU", 0xE004_2000, 0x400, Map.of(0x00, SocFamily.of(chip).idcode(chip)), Map.of(),
                Map.of(0x00, -1)));
        return m;
    }
}
