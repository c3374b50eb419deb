package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The HAL-style DMA echo image (fixtures/firmware/hal/dma/dma_echo.c: HAL_UARTEx_ReceiveToIdle_DMA into a 32-byte
 * circular buffer, echo by HAL_UART_Transmit_DMA) sends every burst back: bursts shorter than the buffer, exactly
 * as long, and longer than it (they wrap, and only the half-transfer and transfer-complete events hand over the
 * bytes in time). Run with idle fast-forward on and off: the main loop polls the USART status register, and a
 * skip past a DMA event would lose or delay bytes.
 */
public class DmaEchoFirmwareTest {
    /** Shorter than the buffer, equal, longer (wraps and laps), odd ends, a single byte; 1 + 5 + … crosses 32s. */
    private static final int[] BURSTS = {5, 32, 45, 1, 17, 64, 31, 3, 100};

    @DataProvider(name = "boards")
    public Object[][] boards() {
        return new Object[][] {
            {Chip.STM32F103C8, true}, {Chip.STM32F103C8, false}, {Chip.STM32L431RC, true}, {Chip.STM32L431RC, false}};
    }

    private static String image(Chip chip) {
        return (chip == Chip.STM32F103C8 ? "f103" : "l431") + "-hal-dma-echo.bin";
    }

    @Test(dataProvider = "boards")
    public void everyBurstComesBackOnceAndInOrder(Chip chip, boolean fastForward) throws IOException {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip).withIdleFastForward(fastForward));
        board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture(image(chip))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        board.usart1().onTransmit(out::write);
        board.setPower(true);
        String ready = "hal-dma-echo ready (" + chip + ")\r\n";
        assertThat(board.runUntil(() -> out.size() >= ready.length(), Duration.ofMillis(100)))
                .as("banner by DMA TX; console [%s], events %s", out, board.report().events()).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(ready);
        out.reset();

        SplittableRandom random = new SplittableRandom(chip.ordinal() * 31L + 7);
        for (int length : BURSTS) {
            byte[] burst = new byte[length];
            random.nextBytes(burst);
            burst[0] = 0;                                                  // 0x00 and 0xFF are data like any other
            burst[length - 1] = (byte) 0xFF;
            board.usart1().send(burst);
            Duration budget = Duration.ofMillis(5 + 2L * length * 87 / 1000); // sent, then echoed: ~87 us a byte
            boolean echoed = board.runUntil(() -> out.size() >= length, budget);
            board.runFor(Duration.ofMillis(2));                            // and nothing more comes
            assertThat(echoed).as("%s ff=%s burst of %d: %d bytes back, events %s", chip, fastForward, length,
                    out.size(), board.report().events()).isTrue();
            assertThat(out.toByteArray()).as("%s ff=%s burst of %d", chip, fastForward, length).isEqualTo(burst);
            out.reset();
        }
        assertThat(board.report().events()).noneMatch(e -> e.kind().startsWith("dma-") || e.kind().contains("fault")
                || e.kind().equals("uart-pins"));
        assertThat(board.report().unmodelledAddresses()).as("every register the image touches is modelled").isEmpty();
    }

    @Test
    public void backToBackBurstsWithoutWaitingForTheEchoAllComeBack() throws IOException {
        for (Chip chip : new Chip[] {Chip.STM32F103C8, Chip.STM32L431RC}) {
            EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip));
            board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture(image(chip))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            board.usart1().onTransmit(out::write);
            board.setPower(true);
            board.runUntil(() -> out.size() >= 10 && out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n"),
                    Duration.ofMillis(100));
            out.reset();
            byte[] all = new byte[0];
            for (int length : BURSTS) {
                byte[] burst = new byte[length];
                Arrays.fill(burst, (byte) ('a' + length % 26));
                board.usart1().send(burst);
                board.runFor(Duration.ofMillis(1));                        // an IDLE gap, but the echo is still going
                all = concat(all, burst);
            }
            int total = all.length;
            board.runUntil(() -> out.size() >= total, Duration.ofMillis(200));
            board.runFor(Duration.ofMillis(2));
            assertThat(out.toByteArray()).as(chip.toString()).isEqualTo(all);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
