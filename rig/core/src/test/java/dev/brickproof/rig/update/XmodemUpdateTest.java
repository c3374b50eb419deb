package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.xmodem.XmodemCodec;
import dev.brickproof.rig.protocol.ymodem.Crc16Xmodem;
import dev.brickproof.rig.resource.FirmwareImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The {@code xmodem} driver on a key-at-reset board (the default rig's f103-d3 description) against a scripted
 * XMODEM-1K/CRC bootloader on a pty: 'C' every 200 ms, blocks ACKed, EOT ACKed, then its verdict line.
 */
public class XmodemUpdateTest {

    private static byte[] readExactly(ByteLink dev, int n) {
        byte[] out = new byte[n];
        int have = 0;
        while (have < n) {
            int got = dev.read(out, have, n - have, Duration.ofSeconds(2));
            if (got == 0) {
                throw new IllegalStateException("the host stopped sending mid-block");
            }
            have += got;
        }
        return out;
    }

    /** Receives one XMODEM/CRC transfer, then prints {@code verdict}; returns what it received. */
    private static byte[] bootloader(ByteLink dev, String verdict) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int first;
        do {
            dev.write('C');
            first = dev.read(Duration.ofMillis(200));
        } while (first < 0);
        int expected = 1;
        for (int b = first; ; b = dev.read(Duration.ofSeconds(2))) {
            if (b == XmodemCodec.EOT) {
                dev.write(XmodemCodec.ACK);
                break;
            }
            int size = b == XmodemCodec.STX ? 1024 : 128;
            byte[] rest = readExactly(dev, size + 4);
            int crc = ((rest[size + 2] & 0xFF) << 8) | (rest[size + 3] & 0xFF);
            if ((rest[0] & 0xFF) != expected || crc != Crc16Xmodem.of(rest, 2, size)) {
                dev.write(XmodemCodec.NAK);
                continue;
            }
            got.write(rest, 2, size);
            expected++;
            dev.write(XmodemCodec.ACK);
        }
        dev.write(("\r\n" + verdict + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return got.toByteArray();
    }

    private static byte[] run(Map<String, String> options, List<Pattern> failures, String verdict, List<String> pins)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("f103-d3", fw -> PtyBoard.withFailureMessages(
                PtyBoard.withProtocol(fw, "xmodem", options), failures))) {
            Future<byte[]> device = executor.submit(() -> bootloader(b.pair.device, verdict));
            FirmwareImage v2 = b.board.firmware().update();
            try {
                UpdateDrivers.forFirmware(b.board.firmware()).resume(b.board, v2, UpdateDeadline.of(b.board, v2),
                        ProgressListener.NONE);
            } finally {
                pins.addAll(b.pins);
            }
            byte[] got = device.get(10, TimeUnit.SECONDS);
            assertThat(Arrays.copyOf(got, v2.size())).isEqualTo(Files.readAllBytes(v2.file()));
            return got;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void theKeyIsHeldThroughAResetTheImageGoesOverXmodem1kAndTheBoardIsResetWithTheKeyReleased()
            throws Exception {
        List<String> pins = new java.util.ArrayList<>();
        byte[] got = run(Map.of("success", "XM: written \\d+ bytes"), List.of(), "XM: written 9999 bytes", pins);
        assertThat(got.length % 1024).as("1K blocks, a 128-byte tail at most").isLessThanOrEqualTo(128);
        assertThat(pins).containsExactly("key", "pulse", "normal", "pulse");
    }

    @Test
    public void aBootloaderThatSaysTheImageIsBadFailsTheUpdateWithItsWords() {
        assertThatThrownBy(() -> run(Map.of("success", "XM: written"), List.of(Pattern.compile("XM: (CRC|flash) error")),
                "XM: flash error at 0x08006400", new java.util.ArrayList<>()))
                .isInstanceOf(DeviceRejectedException.class)
                .hasMessageContaining("'XM: flash error at 0x08006400'");
    }

    @Test
    public void aBlockSizeThatIsNotXmodemsIsAConfigurationErrorNamingTheOption() {
        assertThatThrownBy(() -> UpdateDrivers.installed().create("xmodem",
                new ProtocolOptions("rig.yaml", Map.of("blockSize", "512"))))
                .isInstanceOf(dev.brickproof.rig.RigConfigurationException.class)
                .hasMessageContaining("rig.yaml").hasMessageContaining("firmware.options.blockSize")
                .hasMessageContaining("1024");
    }
}
