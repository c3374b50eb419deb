package dev.brickproof.rig.emulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.driver.serial.SerialPortLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Issue 14: "the real-time SerialPortLink got no bytes at all for 30 s in 2 of 14 runs when the port was
 * opened after the board had printed its menu". The by-id style name of an emulated port is shared by every
 * run on the machine (/tmp/brickproof-$USER/serial/by-id/emulated-&lt;id&gt;); a run that opens it late opens
 * whichever pty another run pointed it at meanwhile, where its own board never speaks. The rig opens the pty
 * device itself.
 */
public class LateOpenSerialTest {
    private BoardResource board;
    private byte[] bootloader;
    private FirmwareImage image;

    @BeforeClass
    public void loadTheYmodemBoard() throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        board = new RigFileLoader(Files.createTempDirectory("runs")).load(root.resolve("fixtures/rigs/emulated.yaml"))
                .boards().stream().filter(b -> b.id().equals("l431-ymodem")).findFirst().orElseThrow();
        image = board.firmware().bootloader();
        bootloader = Files.readAllBytes(image.file());
    }

    @Test(invocationCount = 50)
    public void aPortOpenedAfterTheMenuWasPrintedReadsThatMenuEvenWhenAnotherRunTookTheSameByIdName()
            throws Exception {
        Path byId = Files.createTempDirectory("by-id"); // shared by two "runs", as /tmp/brickproof-$USER is
        try (EmulatedBoardHost ours = EmulatedBoardHost.realTime(board, byId)) {
            StringBuffer printed = new StringBuffer();
            ours.call(b -> {
                b.usart1().onTransmit(c -> printed.append((char) c));
                b.programFlash(image.loadAddress(), bootloader); // no app: the bootloader prints its menu and waits
                b.setPower(true);
                return null;
            });
            awaitMenu(printed);
            try (EmulatedBoardHost otherRun = EmulatedBoardHost.realTime(board, byId)) { // re-points the by-id name
                assertThat(Files.readSymbolicLink(ours.portPath())).isEqualTo(otherRun.devicePath());
                try (SerialPortLink late = SerialPortLink.open(ours.devicePath().toString(),
                        LineSettings.of8N1(board.serial().baud()))) {
                    assertThat(readUntil(late, "3", Duration.ofSeconds(10))).contains(menuOf(printed));
                }
            }
        }
    }

    private static void awaitMenu(StringBuffer printed) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!printed.toString().contains("3") && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(printed.toString()).as("the board's menu").contains("3");
        Thread.sleep(100); // and the rest of its last line
    }

    private static String menuOf(StringBuffer printed) {
        String text = printed.toString();
        return text.substring(0, text.indexOf('3') + 1);
    }

    private static String readUntil(SerialPortLink link, String marker, Duration budget) {
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[256];
        long end = System.nanoTime() + budget.toNanos();
        while (!got.toString().contains(marker) && System.nanoTime() < end) {
            int n = link.read(buf, 0, buf.length, Duration.ofMillis(200));
            got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return got.toString();
    }
}
