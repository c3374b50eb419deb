package dev.brickproof.rig.protocol.xmodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.protocol.PeerProcess;
import dev.brickproof.rig.protocol.PipeLink;
import dev.brickproof.rig.protocol.TransferProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Our XMODEM sender against Debian lrzsz {@code rx} on pipes (see {@link PipeLink}): 128-byte and 1K blocks,
 * CRC-16 ({@code rx -c}, the receiver starts with 'C') and checksum ({@code rx}, it starts with NAK).
 */
public class XmodemLrzszTest {

    @DataProvider
    public Object[][] modes() {
        return new Object[][] {
            {1024, true, 10 * 1024 + 77}, {1024, false, 3000}, {128, true, 1000}, {128, false, 129}, {1024, true, 1024},
        };
    }

    @Test(dataProvider = "modes")
    public void rxReceivesTheImageByteForByteThenPadding(int blockSize, boolean crc, int size) throws Exception {
        PeerProcess.require("rx", "lrzsz");
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path dir = Files.createTempDirectory("xmodem-rx");
        Path log = dir.resolve("rx.log");
        List<String> command = crc ? List.of("rx", "-c", "image.bin") : List.of("rx", "image.bin");
        List<TransferProgress> progress = new ArrayList<>();
        try (PipeLink link = PipeLink.start(command, dir, log)) {
            XmodemResult result;
            try {
                result = new XmodemSender(link, XmodemOptions.defaults().withBlockSize(blockSize), progress::add)
                        .send(data, link.clock().deadlineAfter(Duration.ofSeconds(30), "XMODEM send to rx"));
            } catch (RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nrx log:\n" + Files.readString(log), e);
            }
            assertThat(link.await(Duration.ofSeconds(10))).as("rx exit code; log:\n%s", Files.readString(log)).isZero();
            byte[] got = Files.readAllBytes(dir.resolve("image.bin"));
            assertThat(Arrays.copyOf(got, size)).isEqualTo(data);
            assertThat(got.length % 128).as("whole blocks").isZero();
            for (int i = size; i < got.length; i++) {
                assertThat(got[i]).as("padding at %d", i).isEqualTo((byte) XmodemCodec.PAD);
            }
            assertThat(result.check()).isEqualTo(crc ? XmodemCodec.Check.CRC16 : XmodemCodec.Check.CHECKSUM);
            assertThat(result.bytes()).isEqualTo(size);
            int expectedBlocks = blockSize == 128 ? (size + 127) / 128
                    : size / 1024 + (size % 1024 == 0 ? 0 : 1);
            assertThat(result.blocks()).isEqualTo(expectedBlocks);
            assertThat(progress.get(progress.size() - 1).bytesDone()).isEqualTo(size);
        }
    }

    @DataProvider
    public Object[][] sxModes() {
        return new Object[][] {{true, true, 5000}, {true, false, 777}, {false, true, 2048}, {false, false, 300}};
    }

    @Test(dataProvider = "sxModes")
    public void sxDeliversTheImageToOurReceiver(boolean oneK, boolean crc, int size) throws Exception {
        PeerProcess.require("sx", "lrzsz");
        byte[] data = new byte[size];
        new Random(size + 5).nextBytes(data);
        Path dir = Files.createTempDirectory("xmodem-sx");
        Files.write(dir.resolve("image.bin"), data);
        List<String> command = oneK ? List.of("sx", "-k", "image.bin") : List.of("sx", "image.bin");
        try (PipeLink link = PipeLink.start(command, dir, dir.resolve("sx.log"))) {
            byte[] got = new XmodemReceiver(link, crc ? XmodemCodec.Check.CRC16 : XmodemCodec.Check.CHECKSUM,
                    Duration.ofMillis(500), 5).receive(link.clock().deadlineAfter(Duration.ofSeconds(30), "sx"));
            assertThat(link.await(Duration.ofSeconds(10))).as("sx exit code; log:\n%s",
                    Files.readString(dir.resolve("sx.log"))).isZero();
            assertThat(Arrays.copyOf(got, size)).isEqualTo(data);
            assertThat(got.length - size).as("padding of the last block only").isLessThan(oneK ? 1024 : 128);
        }
    }
}
