package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.ymodem.YmodemFile;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemReceiver;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * A device that says the update failed is never a successful update: the YMODEM menu driver against a
 * scripted ST-style IAP on a pty that takes the whole file (every block, EOT and end of batch ACKed) and then
 * prints its verdict.
 */
public class FailureMessagesTest {

    private static void say(ByteLink dev, String text) {
        dev.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The IAP menu, a whole YMODEM download, then {@code verdict}; returns the file it received. */
    private static YmodemFile iap(ByteLink dev, String verdict) {
        say(dev, "\r\n  Download image to the internal Flash ----------------- 1\r\n"
                + "  Execute the loaded application ----------------------- 3\r\n");
        while (dev.read(Duration.ofSeconds(5)) != '1') {
            // the menu choice
        }
        say(dev, "IAP: waiting for the file to be sent ... (press 'a' to abort)\r\n");
        YmodemFile file = new YmodemReceiver(dev, YmodemOptions.defaults().withRequestInterval(Duration.ofMillis(200)),
                null).receive(dev.clock().deadlineAfter(Duration.ofSeconds(20), "the host's file"));
        say(dev, "\r\n" + verdict + "\r\n");
        say(dev, "  Execute the loaded application ----------------------- 3\r\n");
        return file;
    }

    private static void update(UnaryOperator<FirmwareProfile> fw, String verdict) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("l431-ymodem", fw)) {
            Future<YmodemFile> device = executor.submit(() -> iap(b.pair.device, verdict));
            FirmwareImage v2 = b.board.firmware().update();
            try {
                new YmodemMenuUpdate().resume(b.board, v2, UpdateDeadline.of(b.board, v2), ProgressListener.NONE);
            } finally {
                YmodemFile got = device.get(20, TimeUnit.SECONDS);
                assertThat(got.data()).as("the device took the whole image").isEqualTo(Files.readAllBytes(v2.file()));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void aDeviceThatAcceptsTheWholeFileAndSaysSoIsASuccessfulTransfer() throws Exception {
        update(fw -> fw, "IAP: programming completed successfully, name: app.bin");
    }

    @Test
    public void aDeviceThatPrintsAFailureAfterTheTransferFailsTheUpdateWithItsMessage() {
        assertThatThrownBy(() -> update(fw -> fw, "IAP: verification failed"))
                .isInstanceOf(DeviceRejectedException.class)
                .hasMessageContaining("'IAP: verification failed'");
    }

    @Test
    public void aFailureMessageFromTheRigFileIsWatchedForToo() {
        assertThatThrownBy(() -> update(fw -> PtyBoard.withFailureMessages(fw,
                List.of(Pattern.compile("ERR \\d+: .*"))), "ERR 17: flash is write-protected"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'ERR 17: flash is write-protected'")
                .hasMessageContaining("ERR \\d+");
    }

    @Test
    public void aDeviceThatSaysWhyBeforeCancellingMidTransferFailsTheUpdateWithItsMessage() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("l431-ymodem", fw -> fw)) {
            ByteLink dev = b.pair.device;
            executor.submit(() -> {
                say(dev, "  Execute the loaded application ----------------------- 3\r\n");
                while (dev.read(Duration.ofSeconds(5)) != '1') {
                    // the menu choice
                }
                say(dev, "IAP: waiting for the file to be sent ... (press 'a' to abort)\r\n");
                dev.write('C');
                dev.read(new byte[2048], 0, 2048, Duration.ofSeconds(2)); // block 0
                dev.write(new byte[] {0x06, 'C'});
                dev.read(new byte[2048], 0, 2048, Duration.ofSeconds(2)); // block 1
                say(dev, "\r\nIAP: verification failed\r\n");
                dev.write(new byte[] {0x18, 0x18});
                return null;
            });
            FirmwareImage v2 = b.board.firmware().update();
            assertThatThrownBy(() -> new YmodemMenuUpdate().resume(b.board, v2, UpdateDeadline.of(b.board, v2),
                    ProgressListener.NONE))
                    .isInstanceOf(DeviceRejectedException.class)
                    .hasMessageContaining("'IAP: verification failed'")
                    .hasCauseInstanceOf(dev.brickproof.rig.protocol.TransferAbortedException.class);
        } finally {
            executor.shutdownNow();
        }
    }
}
