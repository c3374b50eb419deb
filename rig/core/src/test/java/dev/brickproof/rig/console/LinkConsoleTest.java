package dev.brickproof.rig.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.driver.serial.SerialPortLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.time.WallClock;
import dev.brickproof.rig.wait.Wait;
import dev.brickproof.rig.wait.WaitTarget;
import dev.brickproof.rig.wait.Waiter;
import dev.brickproof.rig.driver.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The jSerialComm link and the console, against a real pseudo-terminal standing in for a board. */
public class LinkConsoleTest {
    private PseudoTerminal board;
    private LinkConsole console;
    private Path transcript;

    @BeforeMethod
    public void open() throws Exception {
        Path dir = Files.createTempDirectory("console");
        board = PseudoTerminal.open(dir.resolve("by-id/board"));
        transcript = dir.resolve("runs/board/console.log");
        console = new LinkConsole(SerialPortLink.open(board.link().orElseThrow().toString(), LineSettings.of8N1(115200)),
                transcript);
    }

    @AfterMethod(alwaysRun = true)
    public void close() {
        console.close();
        board.close();
    }

    private void boardSays(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        board.write(b, 0, b.length, Duration.ofSeconds(1));
    }

    @Test
    public void expectFindsALineAndItsGroups() {
        boardSays("noise\r\nbrickproof D1 app v2.0 (STM32F103C8)\r\n");
        ConsoleMatch m = console.expect(Pattern.compile("app v(\\d+)\\.(\\d+)"),
                new WallClock().deadlineAfter(Duration.ofSeconds(2), "banner"));
        assertThat(m.line()).isEqualTo("brickproof D1 app v2.0 (STM32F103C8)");
        assertThat(m.group(1)).isEqualTo("2");
        assertThat(m.group(2)).isEqualTo("0");
    }

    @Test
    public void aLineIsOnlyMatchedOnceItIsComplete() {
        boardSays("brickproof D1 app v1");
        Pattern v10 = Pattern.compile("app v10\\b|app v1\\.0");
        assertThat(console.poll(v10)).isEmpty();
        boardSays(".0 (STM32F103C8)\r\n");
        assertThat(console.expect(v10, new WallClock().deadlineAfter(Duration.ofSeconds(2), "banner")).line())
                .endsWith("v1.0 (STM32F103C8)");
    }

    @Test
    public void theTranscriptIsOnDiskBeforeTheConsoleCloses() throws Exception {
        boardSays("hello\r\nworld\r\n");
        console.expect(Pattern.compile("world"), new WallClock().deadlineAfter(Duration.ofSeconds(2), "world"));
        assertThat(Files.readString(transcript)).isEqualTo("hello\r\nworld\r\n");
    }

    @Test
    public void aTimeoutSaysWhatWasAwaitedForHowLongAndTheLastLines() {
        boardSays("D1: update mode, send FF <pages> AA\r\nD1: bad page count\r\n");
        assertThatThrownBy(() -> console.expect(Pattern.compile("app v2"),
                new WallClock().deadlineAfter(Duration.ofMillis(300), "v2 banner")))
                .isInstanceOf(RigTimeoutException.class)
                .hasMessageContaining("app v2")
                .hasMessageContaining("300 ms")
                .hasMessageContaining("D1: bad page count");
    }

    @Test
    public void sentTextReachesTheBoard() {
        console.send("update\r");
        byte[] got = new byte[16];
        int n = board.read(got, 0, got.length, Duration.ofSeconds(2));
        assertThat(new String(got, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("update\r");
    }

    @Test
    public void theRawViewReadsBufferedTextFirstAndTranscribesProtocolBytes() throws Exception {
        boardSays("prompt\r\nrest");
        console.expect(Pattern.compile("prompt"), new WallClock().deadlineAfter(Duration.ofSeconds(2), "prompt"));
        byte[] buf = new byte[16];
        int n = console.link().read(buf, 0, buf.length, Duration.ofSeconds(1));
        assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("rest");
        board.write(new byte[] {0x79}, 0, 1, Duration.ofSeconds(1));
        assertThat(console.link().read(Duration.ofSeconds(1))).isEqualTo(0x79);
        assertThat(Files.readAllBytes(transcript)).endsWith(new byte[] {'t', 0x79});
    }

    @Test
    public void aVanishedPortIsALinkErrorAndWaitsFailFast() {
        Waiter waiter = Waiter.on(new WallClock(), "board b", console::isDisconnected, () -> "");
        board.close();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Wait.forConsoleLine("never").withTimeout(Duration.ofSeconds(10))
                .waitUntilReady(target(waiter)))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("vanished");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    public void anAdapterThatVanishesAndComesBackWithinTheReappearTimeoutIsReopened() throws Exception {
        Path link = Files.createTempDirectory("by-id").resolve("board-powered-adapter");
        PseudoTerminal first = PseudoTerminal.open(link);
        try (SerialPortLink port = SerialPortLink.open(link.toString(), LineSettings.of8N1(115200), Duration.ofSeconds(3))) {
            first.close();                                   // power cut: the adapter disappears
            Thread revive = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                PseudoTerminal second = PseudoTerminal.open(link); // and comes back under the same by-id name
                byte[] hello = "back\r\n".getBytes(StandardCharsets.ISO_8859_1);
                try {
                    Thread.sleep(300);
                    second.write(hello, 0, hello.length, Duration.ofSeconds(1));
                    Thread.sleep(2000);
                } catch (InterruptedException ignored) {
                    // test over
                } finally {
                    second.close();
                }
            });
            revive.start();
            byte[] buf = new byte[16];
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int n = 0;
            while (n == 0 && System.nanoTime() < end) {
                n = port.read(buf, 0, buf.length, Duration.ofMillis(500));
            }
            assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("back\r\n");
            assertThat(port.isDisconnected()).isFalse();
            revive.join();
        }
    }

    @Test
    public void aMissingPortIsNamedWithTheFix() {
        assertThatThrownBy(() -> SerialPortLink.open("/dev/serial/by-id/usb-nothing-here", LineSettings.of8N1(115200)))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("/dev/serial/by-id/usb-nothing-here")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("serial.port");
    }

    private WaitTarget target(Waiter waiter) {
        return new WaitTarget() {
            @Override
            public String name() {
                return "board b";
            }

            @Override
            public Console console() {
                return console;
            }

            @Override
            public Waiter waiter() {
                return waiter;
            }
        };
    }
}
