package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.resource.FirmwareImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.testng.annotations.Test;

/**
 * The {@code script} protocol against a scripted text-command loader on a pty: the application's "update"
 * command, then {@code upload <size> <crc32>}, the image in 1 KiB chunks each answered by a line, and a
 * verdict that the loader computes from what it received.
 */
public class ScriptUpdateTest {
    private static final String SCRIPT = """
            # the loader of the L431 text-command design
            expect ^loader ready
            send upload ${size} ${crc32}\\r
            expect ^ok ${size}
            chunks 1024 ack ^ack \\d+ within 2s
            expect ^upload complete within 5s
            """;

    private static String readLine(ByteLink dev) {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = dev.read(Duration.ofSeconds(5));
            if (b < 0) {
                throw new IllegalStateException("the host sent no line; so far: " + line);
            }
            if (b == '\r' || b == '\n') {
                if (line.length() > 0) {
                    return line.toString();
                }
                continue;
            }
            line.append((char) b);
        }
    }

    private static void say(ByteLink dev, String text) {
        dev.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The loader: checks the announced CRC-32 itself; {@code corruptAt} flips a received byte (a bad wire). */
    private static byte[] loader(ByteLink dev, int corruptAt) {
        while (!readLine(dev).equals("update")) {
            // the application's command line
        }
        say(dev, "loader ready");
        String command = readLine(dev);
        Matcher upload = Pattern.compile("upload (\\d+) ([0-9a-f]{8})").matcher(command);
        if (!upload.matches()) {
            say(dev, "upload failed: bad command '" + command + "'");
            return new byte[0];
        }
        int size = Integer.parseInt(upload.group(1));
        say(dev, "ok " + size);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (got.size() < size) {
            int n = dev.read(chunk, 0, Math.min(chunk.length, size - got.size()), Duration.ofSeconds(2));
            if (n == 0) {
                say(dev, "upload failed: timeout");
                return got.toByteArray();
            }
            got.write(chunk, 0, n);
            if (got.size() % 1024 == 0 || got.size() == size) {
                say(dev, "ack " + got.size());
            }
        }
        byte[] image = got.toByteArray();
        if (corruptAt >= 0) {
            image[corruptAt] ^= 1;
        }
        CRC32 crc = new CRC32();
        crc.update(image);
        say(dev, String.format("%08x", crc.getValue()).equals(upload.group(2)) ? "upload complete"
                : "upload failed: crc mismatch");
        return image;
    }

    private static byte[] run(int corruptAt, List<Pattern> failures, List<TransferProgress> progress)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("l431-ymodem", fw -> PtyBoard.withFailureMessages(
                PtyBoard.withProtocol(fw, "script", Map.of("script", SCRIPT)), failures))) {
            Future<byte[]> device = executor.submit(() -> loader(b.pair.device, corruptAt));
            FirmwareImage v2 = b.board.firmware().update();
            b.board.console().send("\rupdate\r"); // what EntryMoves sends from a running application
            UpdateDrivers.forFirmware(b.board.firmware()).resume(b.board, v2, UpdateDeadline.of(b.board, v2),
                    progress::add);
            byte[] got = device.get(10, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(Files.readAllBytes(v2.file()));
            return got;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void theScriptAnnouncesSizeAndCrcSendsAcknowledgedChunksAndSeesTheLoaderAcceptTheImage() throws Exception {
        List<TransferProgress> progress = new ArrayList<>();
        byte[] got = run(-1, List.of(), progress);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).bytesDone()).isEqualTo(got.length);
        assertThat(progress.get(0).bytesDone()).isEqualTo(Math.min(1024, got.length));
    }

    @Test
    public void aLoaderThatRejectsTheImageAfterTheTransferFailsTheUpdateWithItsWords() {
        assertThatThrownBy(() -> run(100, List.of(Pattern.compile("^upload failed")), new ArrayList<>()))
                .isInstanceOf(DeviceRejectedException.class)
                .hasMessageContaining("'upload failed: crc mismatch'");
    }

    @Test
    public void aScriptStepThatIsNotOneIsAConfigurationErrorNamingTheLine() {
        assertThatThrownBy(() -> UpdateDrivers.installed().create("script",
                new ProtocolOptions("rig.yaml", Map.of("script", "send hello\\r\nexpct ^ok\nchunks 1024"))))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("rig.yaml").hasMessageContaining("firmware.options.script line 2")
                .hasMessageContaining("'expct'");
        assertThatThrownBy(() -> UpdateDrivers.installed().create("script",
                new ProtocolOptions("rig.yaml", Map.of("script", "send upload ${sise}\nchunks 1024"))))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("line 1").hasMessageContaining("${sise}").hasMessageContaining("${size}");
    }
}
