package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.testng.annotations.Test;

/**
 * The fixture bootloaders time their UART reads by polling SysTick COUNTFLAG (lib/sys.c {@code millis()}); with
 * idle fast-forward on (the default) they must still see their timeouts expire and every byte sent. Lockstep.
 */
public class FixtureFastForwardTest {

    /** Board with a console transcript and the virtual time of every byte it sent. */
    private static final class Console {
        final EmulatedBoard board;
        final StringBuffer text = new StringBuffer();

        Console() {
            this(Chip.STM32F103C8);
        }

        Console(Chip chip) {
            board = EmulatedBoard.create(BoardOptions.of(chip));
            board.usart1().onTransmit(b -> text.append((char) b));
        }

        void await(String s, Duration timeout) {
            assertThat(board.runUntil(() -> text.indexOf(s) >= 0, timeout))
                    .as("/%s/ within %s; console: [%s], events %s", s, timeout, text, board.report().events()).isTrue();
        }
    }

    @Test
    public void d3EndsARawImageAfterItsIdleTimeoutAndKeepsEveryByte() throws IOException {
        Console c = new Console();
        byte[] app = Files.readAllBytes(FixtureSmokeTest.fixture("f103-d3-app-v1.0.bin"));
        c.board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture("f103-d3-boot.bin")));
        c.board.setPower(true); // no valid app: IAP mode without the key
        c.await("D3: IAP mode, send the image\r\n", Duration.ofSeconds(1));
        for (int off = 0; off < app.length; off += 1024) {
            // the documented pacing: a pause of >= 45 ms after each 1 KiB covers the page erase
            c.board.usart1().send(Arrays.copyOfRange(app, off, Math.min(app.length, off + 1024)));
            assertThat(c.board.runUntil(() -> c.board.usart1().pendingToBoard() == 0, Duration.ofSeconds(1))).isTrue();
            c.board.runFor(Duration.ofMillis(50));
        }
        c.await("D3: done", Duration.ofSeconds(2));
        assertThat(c.text.toString()).contains("D3: received " + app.length + " bytes\r\n");
        assertThat(c.board.readMemory(0x0800_2000, app.length)).isEqualTo(app);
    }

    @Test
    public void theYmodemReceiverSendsItsCOncePerSecondUntilTheHeaderArrives() throws IOException {
        Console c = new Console();
        c.board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture("f103-ymodem-boot.bin")));
        c.board.setPower(true); // no valid app: the menu
        c.await("Execute the loaded application", Duration.ofSeconds(1));
        c.board.runFor(Duration.ofMillis(10));
        c.board.usart1().send(new byte[] {'1'});
        c.await("waiting for the file", Duration.ofSeconds(1));
        int from = c.text.length();
        c.board.runFor(Duration.ofMillis(3_500));
        long cs = c.text.substring(from).chars().filter(ch -> ch == 'C').count();
        assertThat(cs).as("'C' in 3.5 s after the prompt: [%s]", c.text.substring(from)).isBetween(3L, 4L);
    }

    /**
     * The console loop reads a CR that ends no line (no store) and then polls for the next byte: that poll, with
     * RXNE set, repeats its own poll of the CR exactly. On the L431 at its 4 MHz reset clock a byte time (347
     * cycles) is inside the poll-repeat window, and fast-forward once skipped over the byte after it: "\rversion"
     * was read as "vrsion" (ORE), seen in real-time CI as "unknown command: udate". Every event now forgets the
     * recorded polls.
     */
    @Test
    public void aCommandAfterALoneCrIsReadWholeOnTheFourMegahertzL431() throws IOException {
        Console c = new Console(Chip.STM32L431RC);
        c.board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture("l431-d4pp-boot.bin")));
        c.board.programFlash(0x0800_7800, Files.readAllBytes(FixtureSmokeTest.fixture("l431-d4pp-app-v1.0.bin")));
        c.board.setPower(true);
        c.await("D4-PP app v1.0", Duration.ofSeconds(5));
        c.board.runFor(Duration.ofMillis(5));
        for (int round = 0; round < 30; round++) {
            int from = c.text.length();
            c.board.usart1().send("\rversion\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // one-cycle slices (4 MHz), as a real-time runner whose wall-clock target falls right after a poll
            // takes them: the detection stands when the next slice starts, instead of the chunk running on
            for (int slice = 0; slice < 40_000 && c.text.indexOf("\n", from) < 0; slice++) {
                c.board.runFor(Duration.ofNanos(250));
            }
            c.board.runFor(Duration.ofMillis(1));
            assertThat(c.text.substring(from)).as("answer to round %d", round).startsWith("brickproof D4-PP app v1.0");
        }
    }
}
