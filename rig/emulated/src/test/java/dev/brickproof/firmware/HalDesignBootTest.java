package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.testing.LockstepFixtureBoard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.testng.annotations.Test;

/**
 * The vendor-HAL-style reference loaders (HAL-XMODEM, HAL-TEXT, HAL-YMODEM) on the emulated boards: the PLL clock
 * tree, SysTick interrupts, HAL_DeInit before the jump, the CRC unit, USART1 on HSI16 and on PB6/PB7.
 */
public class HalDesignBootTest {

    /** The metadata record HAL-TEXT and HAL-YMODEM keep below the app: "META", size, CRC32, ~CRC32. */
    static byte[] metadata(byte[] app) {
        CRC32 crc = new CRC32();
        crc.update(app);
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x4D455441).putInt(app.length)
                .putInt((int) crc.getValue()).putInt(~(int) crc.getValue()).array();
    }

    @Test
    public void halXmodemStartsItsAppAfterDeInit() {
        try (LockstepFixtureBoard b = new LockstepFixtureBoard(Chip.STM32F103C8)) {
            b.board.setInput('B', 12, true);
            b.boot("f103-hal-xmodem-boot.bin", "0x08000000", "f103-hal-xmodem-app-v1.0.bin", "0x08006000");
            b.await("brickproof HAL-XMODEM boot v1\\.0", 3);
            assertThat(b.await("brickproof HAL-XMODEM app v1\\.0 \\(STM32F103C8\\)", 3)).isNotEmpty();
        }
    }

    @Test
    public void halXmodemWithTheKeyLowOffersXmodemWithC() {
        try (LockstepFixtureBoard b = new LockstepFixtureBoard(Chip.STM32F103C8)) {
            b.board.setInput('B', 12, false);
            b.boot("f103-hal-xmodem-boot.bin", "0x08000000", "f103-hal-xmodem-app-v1.0.bin", "0x08006000");
            b.await("HAL-XMODEM: loader ready", 3);
            byte[] c = b.console.readExactly(1, b.deadline(3, "'C'"));
            assertThat((char) c[0]).isEqualTo('C');
        }
    }

    @Test
    public void halYmodemBootsOnlyAnAppMatchingItsCrc32Record() {
        byte[] app = LockstepFixtureBoard.image("f103-hal-ymodem-app-v1.0.bin");
        try (LockstepFixtureBoard b = new LockstepFixtureBoard(Chip.STM32F103C8)) {
            b.board.setInput('B', 0, true);
            b.board.programFlash(0x08004C00, metadata(app));
            b.boot("f103-hal-ymodem-boot.bin", "0x08000000", "f103-hal-ymodem-app-v1.0.bin", "0x08005000");
            b.await("brickproof HAL-YMODEM boot v1\\.0", 3);
            assertThat(b.await("brickproof HAL-YMODEM app v1\\.0 \\(STM32F103C8\\)", 3)).isNotEmpty();
        }
        try (LockstepFixtureBoard b = new LockstepFixtureBoard(Chip.STM32F103C8)) {
            b.board.setInput('B', 0, true);
            b.boot("f103-hal-ymodem-boot.bin", "0x08000000", "f103-hal-ymodem-app-v1.0.bin", "0x08005000");
            b.await("HAL-YMODEM: no valid application", 3);
        }
    }

    @Test
    public void halTextBootsOnlyAnAppTheCrcUnitAgreesWith() {
        byte[] app = LockstepFixtureBoard.image("l431-hal-text-app-v2.0.bin");
        try (LockstepFixtureBoard b = new LockstepFixtureBoard(Chip.STM32L431RC)) {
            b.board.setInput('C', 13, true);
            b.board.programFlash(0x08004800, metadata(app));
            b.boot("l431-hal-text-boot.bin", "0x08000000", "l431-hal-text-app-v2.0.bin", "0x08005000");
            b.await("brickproof HAL-TEXT boot v1\\.0", 3);
            assertThat(b.await("brickproof HAL-TEXT app v2\\.0 \\(STM32L431RC\\)", 3)).isNotEmpty();
            // the HAL-TEXT apps are built hard-float (-mfloat-abi=hard -mfpu=fpv4-sp-d16): the FPU's answer
            String fpu = b.await("fpu: sqrt\\(version\\) x 10000 = \\d+", 3);
            assertThat(fpu).endsWith("= " + newtonSqrtTimes10000(2.0f));
        }
    }

    /** The app's computation in Java single precision: eight Newton steps for sqrt(v), times 10000, truncated. */
    static long newtonSqrtTimes10000(float v) {
        float r = v;
        for (int i = 0; i < 8; i++) {
            r = 0.5f * (r + v / r);
        }
        return (long) (r * 10000.0f);
    }
}
