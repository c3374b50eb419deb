package dev.brickproof.rig.protocol.ymodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.protocol.PtyPair;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** Our sender and receiver against each other over a pty: batches, both EOT styles, empty files. */
public class YmodemBatchTest {

    private static byte[] image(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void roundTrip(YmodemOptions.EotStyle style, List<YmodemFile> files) throws Exception {
        try (PtyPair pair = new PtyPair()) {
            Future<?> sent = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                    new YmodemSender(pair.device, YmodemOptions.defaults(), null)
                            .sendBatch(files, pair.device.clock().deadlineAfter(Duration.ofSeconds(20), "send")));
            List<YmodemFile> got = new YmodemReceiver(pair.host, YmodemOptions.defaults().withEotStyle(style), null)
                    .receiveBatch(pair.host.clock().deadlineAfter(Duration.ofSeconds(20), "receive"));
            sent.get(5, TimeUnit.SECONDS);
            assertThat(got).hasSameSizeAs(files);
            for (int i = 0; i < files.size(); i++) {
                assertThat(got.get(i).name()).isEqualTo(files.get(i).name());
                assertThat(got.get(i).data()).isEqualTo(files.get(i).data());
            }
        }
    }

    @Test
    public void aTwoFileBatchArrivesIntactWithNakThenAckEot() throws Exception {
        roundTrip(YmodemOptions.EotStyle.NAK_THEN_ACK,
                List.of(new YmodemFile("boot.bin", image(3000, 1)), new YmodemFile("app.bin", image(129, 2))));
    }

    @Test
    public void aBatchArrivesIntactWithImmediateEotAck() throws Exception {
        roundTrip(YmodemOptions.EotStyle.IMMEDIATE_ACK,
                List.of(new YmodemFile("a.bin", image(1024, 3)), new YmodemFile("b.bin", image(2049, 4))));
    }

    @Test
    public void anEmptyFileIsAHeaderAndAnEot() throws Exception {
        roundTrip(YmodemOptions.EotStyle.NAK_THEN_ACK, List.of(new YmodemFile("empty.bin", new byte[0])));
    }
    @Test
    public void theListenerHearsEveryAcknowledgedBlockOnceAndInOrderEvenWhenItIsSlow() throws Exception {
        List<dev.brickproof.rig.protocol.TransferProgress> heard =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (PtyPair pair = new PtyPair()) {
            Future<?> sent = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                    new YmodemSender(pair.device, YmodemOptions.defaults(), p -> {
                        heard.add(p);
                        pair.device.clock().pause(Duration.ofMillis(30)); // a slow listener (Allure, a console)
                    }).send("app.bin", image(3000, 5), pair.device.clock().deadlineAfter(Duration.ofSeconds(20), "send")));
            List<YmodemFile> got = new YmodemReceiver(pair.host, YmodemOptions.defaults(), null)
                    .receiveBatch(pair.host.clock().deadlineAfter(Duration.ofSeconds(20), "receive"));
            sent.get(5, TimeUnit.SECONDS);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).data()).isEqualTo(image(3000, 5));
        }
        List<dev.brickproof.rig.protocol.TransferProgress> data = heard.stream()
                .filter(p -> p.phase().equals("ymodem data")).toList();
        assertThat(data).extracting(dev.brickproof.rig.protocol.TransferProgress::bytesDone)
                .containsExactly(1024L, 2048L, 3000L);
        assertThat(heard.get(heard.size() - 1).bytesDone()).isEqualTo(3000L);
    }
}
