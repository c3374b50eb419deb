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
}
