package dev.brickproof.rig.link.pty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.Test;

public class PseudoTerminalTest {

    @Test
    public void bytesWrittenByTheClientArriveAtTheMasterAndBack() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            try (OutputStream client = Files.newOutputStream(pty.slavePath());
                 InputStream clientIn = Files.newInputStream(pty.slavePath())) {
                client.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                client.flush();
                byte[] got = new byte[16];
                int n = pty.read(got, 0, got.length, Duration.ofSeconds(2));
                assertThat(new String(got, 0, n, StandardCharsets.US_ASCII)).isEqualTo("ping\n");

                byte[] reply = {0x00, (byte) 0xFF, 0x0D, 0x0A, 0x7F};
                pty.write(reply, 0, reply.length, Duration.ofSeconds(2));
                byte[] back = clientIn.readNBytes(reply.length);
                assertThat(back).as("raw mode: no CR/LF translation, no echo").containsExactly(reply);
            }
        }
    }

    @Test
    public void aReadWithNothingToReadTimesOutWithZero() {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            long start = System.nanoTime();
            int n = pty.read(new byte[4], 0, 4, Duration.ofMillis(150));
            assertThat(n).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        }
    }

    @Test
    public void theSymlinkPointsAtTheSlaveAndIsRemovedOnClose() throws Exception {
        Path link = Files.createTempDirectory("pty").resolve("board-1");
        PseudoTerminal pty = PseudoTerminal.open(link);
        assertThat(Files.readSymbolicLink(link)).isEqualTo(pty.slavePath());
        pty.close();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    public void closingLeavesALinkThatAnotherRunHasRepointedAtItsOwnPty() throws Exception {
        Path link = Files.createTempDirectory("by-id").resolve("emulated-board");
        PseudoTerminal first = PseudoTerminal.open(link);
        try (PseudoTerminal second = PseudoTerminal.open(link)) { // another run takes the same name
            first.close();
            assertThat(Files.readSymbolicLink(link)).isEqualTo(second.slavePath());
        }
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("its owner removes it").isFalse();
    }
}
