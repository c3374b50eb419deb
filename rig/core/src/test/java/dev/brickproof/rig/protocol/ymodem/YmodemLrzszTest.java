package dev.brickproof.rig.protocol.ymodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.PtyLink;
import dev.brickproof.rig.protocol.PeerProcess;
import dev.brickproof.rig.protocol.PipeLink;
import dev.brickproof.rig.protocol.TransferProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Our YMODEM sender and receiver against Debian lrzsz ({@code rb}, {@code sb -k}) over a real pty. */
public class YmodemLrzszTest {

    @DataProvider
    public Object[][] sizes() {
        return new Object[][] {{"tiny", 17}, {"exactly-1024", 1024}, {"48KiB-plus-odd", 48 * 1024 + 7}};
    }

    private static byte[] image(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        if (size > 4) {
            data[size - 1] = 0x1A; // a trailing pad-like byte must survive: the size decides
        }
        return data;
    }

    /**
     * rb's own end: its last ACK (of the end-of-batch block) is what makes the transfer count, so rb runs on
     * pipes ({@link PipeLink}): on a pty its exit-time flush discards that ACK before we can read it.
     */
    @Test(dataProvider = "sizes")
    public void ourSenderDeliversAByteIdenticalFileToLrzszRbAndRbAcksTheWholeBatch(String label, int size)
            throws Exception {
        PeerProcess.require("rb", "lrzsz");
        byte[] data = image(size, size);
        Path dir = Files.createTempDirectory("ymodem-rb");
        Path log = dir.resolve("rb.log");
        List<TransferProgress> progress = new ArrayList<>();
        try (PipeLink link = PipeLink.start(List.of("rb"), dir, log)) {
            YmodemSender sender = new YmodemSender(link, YmodemOptions.defaults(), progress::add);
            YmodemResult result;
            try {
                result = sender.send("fw-" + label + ".bin", data,
                        link.clock().deadlineAfter(Duration.ofSeconds(30), "YMODEM send to rb"));
            } catch (RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nrb log:\n" + Files.readString(log), e);
            }
            assertThat(link.await(Duration.ofSeconds(10))).as("rb exit code; log:\n%s", Files.readString(log)).isZero();
            assertThat(Files.readAllBytes(dir.resolve("fw-" + label + ".bin"))).isEqualTo(data);
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1).bytesDone()).isEqualTo(size);
        }
    }

    @Test(dataProvider = "sizes")
    public void lrzszSbDeliversAByteIdenticalFileToOurReceiver(String label, int size) throws Exception {
        PeerProcess.require("sb", "lrzsz");
        byte[] data = image(size, size + 1);
        Path dir = Files.createTempDirectory("ymodem-sb");
        Files.write(dir.resolve("image.bin"), data);
        try (PtyLink link = new PtyLink(PseudoTerminal.open());
             PeerProcess sb = PeerProcess.onStdio(List.of("sb", "-k", "image.bin"), dir, link.pty().slavePath())) {
            YmodemReceiver receiver = new YmodemReceiver(link, YmodemOptions.defaults(), null);
            List<YmodemFile> files = receiver.receiveBatch(
                    link.clock().deadlineAfter(Duration.ofSeconds(30), "YMODEM receive from sb"));
            assertThat(sb.await(Duration.ofSeconds(10))).as("sb exit code; log:\n%s", sb.log()).isZero();
            assertThat(files).hasSize(1);
            assertThat(files.get(0).name()).isEqualTo("image.bin");
            assertThat(files.get(0).declaredSize()).isEqualTo(size);
            assertThat(files.get(0).data()).isEqualTo(data);
        }
    }

    @Test
    public void sbAlsoWorksWithAReceiverThatAcksEotImmediately() throws Exception {
        PeerProcess.require("sb", "lrzsz");
        byte[] data = image(3000, 9);
        Path dir = Files.createTempDirectory("ymodem-sb-st");
        Files.write(dir.resolve("st.bin"), data);
        try (PtyLink link = new PtyLink(PseudoTerminal.open());
             PeerProcess sb = PeerProcess.onStdio(List.of("sb", "-k", "st.bin"), dir, link.pty().slavePath())) {
            YmodemReceiver receiver = new YmodemReceiver(link,
                    YmodemOptions.defaults().withEotStyle(YmodemOptions.EotStyle.IMMEDIATE_ACK), null);
            YmodemFile file = receiver.receive(link.clock().deadlineAfter(Duration.ofSeconds(20), "receive"));
            assertThat(sb.await(Duration.ofSeconds(10))).as("sb log:\n%s", sb.log()).isZero();
            assertThat(file.data()).isEqualTo(data);
        }
    }
}
