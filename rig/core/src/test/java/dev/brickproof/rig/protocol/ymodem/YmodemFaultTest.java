package dev.brickproof.rig.protocol.ymodem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.PtyPair;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** YMODEM against scripted misbehaving peers on a real pty: every failure is typed and bounded. */
public class YmodemFaultTest {
    private static final YmodemOptions FAST = YmodemOptions.defaults()
            .withStartTimeout(Duration.ofMillis(600)).withHeaderAckTimeout(Duration.ofMillis(800))
            .withBlockAckTimeout(Duration.ofMillis(300)).withMaxRetries(3).withEndOfBatchWait(Duration.ofMillis(300))
            .withRequestInterval(Duration.ofMillis(200)).withMaxErrors(3);

    private static byte[] image(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** Reads one YMODEM item (packet or control byte) as a device would; null on timeout. */
    static YmodemCodec.Decoded readItem(ByteLink link, Duration timeout) {
        byte[] buf = new byte[1100];
        int have = 0;
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            int n = link.read(buf, have, 1, Duration.ofMillis(20));
            if (n == 0) {
                continue;
            }
            have += n;
            try {
                YmodemCodec.Decoded d = YmodemCodec.decode(buf, 0, have);
                if (!(d instanceof YmodemCodec.NeedMore)) {
                    return d;
                }
            } catch (FrameCorruptedException e) {
                have = 0;
            }
        }
        return null;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    public void aSilentReceiverTimesOutWaitingForTheFirstC() {
        try (PtyPair pair = new PtyPair()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("a.bin", image(100), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "send")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("'C'")
                    .hasMessageContaining("the device said nothing");
            assertThat(millisSince(start)).isBetween(500L, 1500L);
        }
    }

    @Test
    public void aNakStormEndsInDeviceRejectedAfterTheRetryLimitAndTheSenderCancels() throws Exception {
        try (PtyPair pair = new PtyPair()) {
            ByteArrayOutputStream afterStorm = new ByteArrayOutputStream();
            pair.device(dev -> {
                dev.write('C');
                readItem(dev, Duration.ofSeconds(2)); // header
                dev.write(new byte[] {YmodemCodec.ACK, 'C'});
                for (int i = 0; i < 4; i++) {
                    readItem(dev, Duration.ofSeconds(2));
                    dev.write(YmodemCodec.NAK);
                }
                byte[] tail = new byte[8];
                int n = dev.read(tail, 0, tail.length, Duration.ofSeconds(1));
                afterStorm.write(tail, 0, n);
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("a.bin", image(3000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "send")))
                    .isInstanceOf(DeviceRejectedException.class)
                    .hasMessageContaining("block 1 not acknowledged after 4 tries (4 NAK")
                    .hasMessageContaining("15 15 15 15 |C.C....|");
            assertThat(millisSince(start)).isLessThan(3000);
            Thread.sleep(300);
            assertThat(afterStorm.toByteArray()).startsWith(YmodemCodec.CAN, YmodemCodec.CAN);
        }
    }

    @Test
    public void canCanFromTheDeviceAbortsTheSender() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                dev.write('C');
                readItem(dev, Duration.ofSeconds(2));
                dev.write(new byte[] {YmodemCodec.ACK, 'C'});
                readItem(dev, Duration.ofSeconds(2));
                dev.write(new byte[] {YmodemCodec.CAN, YmodemCodec.CAN});
            });
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("a.bin", image(3000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "send")))
                    .isInstanceOf(TransferAbortedException.class).hasMessageContaining("CAN CAN")
                    .hasMessageContaining("18 18");
        }
    }

    @Test
    public void aDeviceThatNeverAcksTimesOutPerBlockAndWithinTheDeadline() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                dev.write('C');
                readItem(dev, Duration.ofSeconds(2));
                dev.write(new byte[] {YmodemCodec.ACK, 'C'});
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("a.bin", image(3000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "send")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("ACK for block 1")
                    .hasMessageContaining("4 tries, all timed out");
            assertThat(millisSince(start)).isLessThan(2500);
        }
    }

    @Test
    public void theOverallDeadlineWinsOverGenerousStepTimeouts() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> dev.write('C'));
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemSender(pair.host, YmodemOptions.defaults(), null)
                    .send("a.bin", image(3000), pair.host.clock().deadlineAfter(Duration.ofMillis(700), "whole send")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("700 ms");
            assertThat(millisSince(start)).isBetween(600L, 1500L);
        }
    }

    @Test
    public void cuttingTheLinkMidTransferIsALinkException() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                dev.write('C');
                readItem(dev, Duration.ofSeconds(2));
                dev.write(new byte[] {YmodemCodec.ACK, 'C'});
                readItem(dev, Duration.ofSeconds(2));
                dev.write(YmodemCodec.ACK);
                pair.pty.close(); // the cable is pulled
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("a.bin", image(5000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "send")))
                    .isInstanceOf(LinkException.class).hasMessageContaining("closed");
            assertThat(millisSince(start)).isLessThan(2000);
        }
    }

    @Test
    public void anStStyleReceiverWithACStreamASlowEraseAndImmediateEotAckGetsTheImage() throws Exception {
        byte[] data = image(5000);
        try (PtyPair pair = new PtyPair()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long[] announced = {-1};
            pair.device(dev -> {
                YmodemCodec.Decoded item = null;
                while (item == null) { // 'C' every 100 ms until block 0 arrives
                    dev.write('C');
                    item = readItem(dev, Duration.ofMillis(100));
                }
                announced[0] = YmodemCodec.parseHeader(((YmodemCodec.Packet) item).data()).size();
                sleep(1000); // erasing the user area before any ACK
                dev.write(new byte[] {YmodemCodec.ACK, 'C'});
                while (true) {
                    YmodemCodec.Decoded d = readItem(dev, Duration.ofSeconds(2));
                    if (d instanceof YmodemCodec.Packet p) {
                        if (p.number() != 0) {
                            got.write(p.data(), 0, p.data().length);
                        }
                        dev.write(YmodemCodec.ACK);
                        if (p.number() == 0) {
                            return;
                        }
                    } else if (d instanceof YmodemCodec.Control c && c.value() == YmodemCodec.EOT) {
                        dev.write(YmodemCodec.ACK); // no NAK first
                    } else if (d == null) {
                        return;
                    }
                }
            });
            YmodemResult result = new YmodemSender(pair.host, FAST.withHeaderAckTimeout(Duration.ofSeconds(3)), null)
                    .send("app.bin", data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "send"));
            assertThat(result.bytes()).isEqualTo(5000);
            assertThat(announced[0]).isEqualTo(5000);
            assertThat(Arrays.copyOf(got.toByteArray(), 5000)).isEqualTo(data);
        }
    }

    /**
     * A receiver that asks for the data with NAK (not 'C') after ACKing block 0, NAKs the first copy of block 2,
     * and asks for the end-of-batch block with NAK too; {@code ackEnd} says whether it ACKs that last block.
     */
    private static void nakAfterBlock0Receiver(ByteLink dev, ByteArrayOutputStream got, boolean ackEnd) {
        dev.write('C');
        readItem(dev, Duration.ofSeconds(2)); // block 0
        dev.write(new byte[] {YmodemCodec.ACK, YmodemCodec.NAK});
        int expected = 1;
        boolean nakedOnce = false;
        while (true) {
            YmodemCodec.Decoded d = readItem(dev, Duration.ofSeconds(2));
            if (d instanceof YmodemCodec.Packet p && p.number() == 0) {
                if (ackEnd) {
                    dev.write(YmodemCodec.ACK);
                }
                return;
            } else if (d instanceof YmodemCodec.Packet p) {
                if (p.number() == 2 && !nakedOnce) {
                    nakedOnce = true;
                    dev.write(YmodemCodec.NAK);
                    continue;
                }
                if (p.number() == (expected & 0xFF)) {
                    got.write(p.data(), 0, p.data().length);
                    expected++;
                }
                dev.write(YmodemCodec.ACK);
            } else if (d instanceof YmodemCodec.Control c && c.value() == YmodemCodec.EOT) {
                dev.write(new byte[] {YmodemCodec.ACK, YmodemCodec.NAK}); // the NAK asks for the end-of-batch block
            } else if (d == null) {
                return;
            }
        }
    }

    @Test
    public void aReceiverThatNaksAfterBlock0InsteadOfCGetsTheWholeImage() throws Exception {
        byte[] data = image(5000);
        try (PtyPair pair = new PtyPair()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            var device = pair.device(dev -> nakAfterBlock0Receiver(dev, got, true));
            YmodemResult result = new YmodemSender(pair.host, FAST, null)
                    .send("app.bin", data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "send"));
            device.get(5, TimeUnit.SECONDS);
            assertThat(Arrays.copyOf(got.toByteArray(), 5000)).isEqualTo(data);
            assertThat(result.bytes()).isEqualTo(5000);
            assertThat(result.resends()).as("block 2 once more after its NAK").isEqualTo(1);
        }
    }

    @Test
    public void aTransferWhoseEndOfBatchBlockIsNeverAckedFails() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> nakAfterBlock0Receiver(dev, new ByteArrayOutputStream(), false));
            assertThatThrownBy(() -> new YmodemSender(pair.host, FAST, null)
                    .send("app.bin", image(3000), pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "send")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("end-of-batch");
        }
    }

    @Test
    public void aSilentSenderTimesOutTheReceiver() {
        try (PtyPair pair = new PtyPair()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new YmodemReceiver(pair.host, FAST, null)
                    .receive(pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "receive")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("block 0");
            assertThat(millisSince(start)).isLessThan(1500);
        }
    }

    @Test
    public void canCanFromTheSenderAbortsTheReceiver() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.encodeHeader("x.bin", 10));
                readItem(dev, Duration.ofSeconds(1));
                dev.write(new byte[] {YmodemCodec.CAN, YmodemCodec.CAN});
            });
            assertThatThrownBy(() -> new YmodemReceiver(pair.host, FAST, null)
                    .receive(pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "receive")))
                    .isInstanceOf(TransferAbortedException.class);
        }
    }

    @Test
    public void corruptBlocksAreNakedAndTooManyCancelTheReceive() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.encodeHeader("x.bin", 100));
                for (int i = 0; i < 8; i++) {
                    byte[] block = YmodemCodec.encodeBlock(1, new byte[100], 0, 100, 128, YmodemCodec.PAD);
                    block[50] ^= 1;
                    dev.write(block);
                    sleep(150);
                }
            });
            assertThatThrownBy(() -> new YmodemReceiver(pair.host, FAST, null)
                    .receive(pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "receive")))
                    .isInstanceOf(DeviceRejectedException.class).hasMessageContaining("block 1");
        }
    }

    @Test
    public void aDuplicatedBlockIsAckedButStoredOnce() {
        byte[] data = image(300);
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.encodeHeader("d.bin", 300));
                readItem(dev, Duration.ofSeconds(1));
                readItem(dev, Duration.ofSeconds(1));
                byte[] b1 = YmodemCodec.encodeBlock(1, data, 0, 128, 128, YmodemCodec.PAD);
                dev.write(b1);
                readItem(dev, Duration.ofSeconds(1));
                dev.write(b1); // our ACK "was lost"
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.encodeBlock(2, data, 128, 172, 1024, YmodemCodec.PAD));
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.EOT);
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.EOT);
                readItem(dev, Duration.ofSeconds(1));
                readItem(dev, Duration.ofSeconds(1));
                dev.write(YmodemCodec.encodeEndOfBatch());
            });
            YmodemFile file = new YmodemReceiver(pair.host, FAST, null)
                    .receive(pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "receive"));
            assertThat(file.data()).isEqualTo(data);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unused")
    private static Deadline unused() {
        return null;
    }
}
