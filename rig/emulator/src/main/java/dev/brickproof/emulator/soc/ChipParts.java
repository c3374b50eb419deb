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

    static boolean isL4(Chip chip) {
        return chip.family() == Chip.Family.L4;
    }

    /** Total SRAM bytes in the contiguous array (L4: SRAM1 48 KiB + SRAM2 16 KiB). */
    static int sramBytes(Chip chip) {
        return isL4(chip) ? 64 * 1024 : chip.sramSize();
    }

    /** System memory through the end of the option-byte area, as one readable image. */
    static byte[] systemImage(Chip chip, long seed) {
        boolean l4 = isL4(chip);
        int length = l4 ? 0x7830 : 0x810;
        byte[] b = new byte[length];
        // unexecuted ROM body: "b ." half-words, so a stray jump spins instead of running garbage
        for (int i = 0; i + 1 < chip.systemMemorySize(); i += 2) {
            b[i] = (byte) 0xFE;
            b[i + 1] = (byte) 0xE7;
        }
        if (l4) {
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

    static int optionBytesOffset(Chip chip) {
        return isL4(chip) ? 0x7800 : 0x800;
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

    /** DBGMCU_IDCODE: REV_ID << 16 | DEV_ID. */
    static int idcode(Chip chip) {
        return isL4(chip) ? 0x1001_0000 | chip.productId() : 0x2003_0000 | chip.productId();
    }

    static char[] gpioPorts(Chip chip) {
        return isL4(chip) ? new char[] {'A', 'B', 'C', 'D', 'E', 'H'} : new char[] {'A', 'B', 'C', 'D', 'E'};
    }

    static int gpioBase(Chip chip, char port) {
        int n = port - 'A';
        return isL4(chip) ? 0x4800_0000 + 0x400 * n : 0x4001_0800 + 0x400 * n;
    }

    /** Plain register blocks (configured by firmware, no behaviour beyond storage and ready bits). */
    static Map<String, RegisterFile> plainBlocks(Chip chip) {
        Map<String, RegisterFile> m = new LinkedHashMap<>();
        if (isL4(chip)) {
            // PWR: CR1 VOS = range 1; SR2.VOSF/REGLPF read 0 (regulator always ready)
            m.put("PWR", new RegisterFile("PWR", 0x4000_7000, 0x400, Map.of(0x00, 0x0000_0200, 0x08, 0x0000_8000),
                    Map.of(), Map.of(0x10, -1, 0x14, -1)));
            m.put("SYSCFG", new RegisterFile("SYSCFG", 0x4001_0000, 0x400, Map.of(), Map.of(), Map.of()));
            m.put("EXTI", new RegisterFile("EXTI", 0x4001_0400, 0x400, Map.of(0x20, 0xFF82_0000), Map.of(), Map.of()));
        } else {
            m.put("PWR", new RegisterFile("PWR", 0x4000_7000, 0x400, Map.of(), Map.of(), Map.of(0x04, 0x7)));
            m.put("AFIO", new RegisterFile("AFIO", 0x4001_0000, 0x400, Map.of(), Map.of(), Map.of()));
            m.put("EXTI", new RegisterFile("EXTI", 0x4001_0400, 0x400, Map.of(), Map.of(), Map.of()));
        }
        m.put("DBGMCU", new RegisterFile("DBGMCU", 0xE004_2000, 0x400, Map.of(0x00, idcode(chip)), Map.of(),
                Map.of(0x00, -1)));
        return m;
    }
}
