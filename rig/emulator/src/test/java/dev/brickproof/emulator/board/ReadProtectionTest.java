package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.soc.Stm32Board;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** RDP level 1 in the option bytes: the ROM loader refuses Read Memory (AN3155) until Readout Unprotect. */
public class ReadProtectionTest {
    private static final int ACK = 0x79, NACK = 0x1F;

    @DataProvider(name = "chips")
    public Object[][] chips() {
        return new Object[][] {{Chip.STM32F103C8}, {Chip.STM32L431RC}};
    }

    private static Stm32Board romBoard(Chip chip, boolean protectedChip) {
        Stm32Board b = new Stm32Board(BoardOptions.of(chip));
        if (protectedChip) {
            if (chip == Chip.STM32F103C8) {
                b.optionBytes().f1Rdp = 0x00;
            } else {
                b.optionBytes().l4Optr = (b.optionBytes().l4Optr & ~0xFF) | 0xBB;   // level 1
            }
        }
        b.setBoot0(true);
        b.setPower(true);
        return b;
    }

    /** Sends {@code bytes} to the board's USART1, runs 100 ms and returns what it answered into {@code out}. */
    static byte[] exchange(EmulatedBoard b, ByteArrayOutputStream out, int... bytes) {
        out.reset();
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        b.usart1().send(raw);
        b.runFor(Duration.ofMillis(100));
        return out.toByteArray();
    }

    @Test(dataProvider = "chips")
    public void readMemoryIsRefusedUntilReadoutUnprotect(Chip chip) {
        Stm32Board b = romBoard(chip, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.usart1().onTransmit(out::write);
        assertThat(exchange(b, out, 0x7F)).containsExactly(ACK);
        assertThat(exchange(b, out, 0x11, 0xEE)).containsExactly(NACK);             // Read Memory
        assertThat(exchange(b, out, 0x21, 0xDE)).containsExactly(NACK);             // Go
        assertThat(exchange(b, out, 0x92, 0x6D)).containsExactly(ACK, ACK);         // Readout Unprotect
        assertThat(exchange(b, out, 0x7F)).containsExactly(ACK);
        assertThat(exchange(b, out, 0x11, 0xEE)).containsExactly(ACK);
    }

    @Test(dataProvider = "chips")
    public void anUnprotectedChipAnswersReadMemory(Chip chip) {
        Stm32Board b = romBoard(chip, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.usart1().onTransmit(out::write);
        assertThat(exchange(b, out, 0x7F)).containsExactly(ACK);
        assertThat(exchange(b, out, 0x11, 0xEE)).containsExactly(ACK);
    }
}
