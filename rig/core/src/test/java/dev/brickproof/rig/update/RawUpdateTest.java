package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
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
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The {@code raw} protocol on a key-at-reset board (the default rig's f103-d3 description, 70 ms pacing)
 * against a scripted bootloader on a pty that takes bytes until 500 ms of silence (roomy: a loaded host can stretch the 70 ms gaps) and then reports the count.
 */
public class RawUpdateTest {

    private static byte[] bootloader(ByteLink dev, String verdictFormat) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        do { // the prompt every 200 ms until the image starts
            dev.write("RAW: ready\r\n".getBytes(StandardCharsets.ISO_8859_1));
            n = dev.read(buf, 0, buf.length, Duration.ofMillis(200));
        } while (n == 0);
        while (n > 0) {
            got.write(buf, 0, n);
            n = dev.read(buf, 0, buf.length, Duration.ofMillis(500)); // end of image: 500 ms of silence
        }
        dev.write(String.format(verdictFormat + "\r\n", got.size()).getBytes(StandardCharsets.ISO_8859_1));
        return got.toByteArray();
    }

    private static void run(String verdictFormat, List<Pattern> failures, List<String> pins,
                            List<TransferProgress> progress) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("f103-d3", fw -> PtyBoard.withFailureMessages(PtyBoard.withProtocol(fw, "raw",
                Map.of("chunk", "1024", "idleEnd", "700ms", "prompt", "RAW: ready", "success", "RAW: received ${size}")),
                failures))) {
            Future<byte[]> device = executor.submit(() -> bootloader(b.pair.device, verdictFormat));
            FirmwareImage v2 = b.board.firmware().update();
            try {
                UpdateDrivers.forFirmware(b.board.firmware()).resume(b.board, v2, UpdateDeadline.of(b.board, v2),
                        progress::add);
            } finally {
                pins.addAll(b.pins);
            }
            assertThat(device.get(10, TimeUnit.SECONDS)).isEqualTo(Files.readAllBytes(v2.file()));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void theImageIsStreamedInPagesAndTheBootloadersCountIsTheSuccessSignal() throws Exception {
        List<String> pins = new ArrayList<>();
        List<TransferProgress> progress = new ArrayList<>();
        run("RAW: received %d bytes", List.of(), pins, progress);
        assertThat(pins).containsExactly("key", "pulse", "normal", "pulse");
        assertThat(progress.get(0).bytesDone()).as("one 1 KiB chunk at a time").isEqualTo(1024);
    }

    @Test
    public void aBootloaderThatReportsABadImageFailsTheUpdateWithItsWords() {
        assertThatThrownBy(() -> run("RAW: checksum error after %d bytes", List.of(Pattern.compile("checksum error")),
                new ArrayList<>(), new ArrayList<>()))
                .isInstanceOf(DeviceRejectedException.class)
                .hasMessageContaining("RAW: checksum error after");
    }
}
