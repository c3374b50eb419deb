package dev.brickproof.rig.protocol.gizwits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.PtyPair;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.TransferProgress;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The module side of the Gizwits big-data OTA against a scripted MCU (the D5 app's behaviour) on a pty. */
public class GizwitsOtaClientTest {
    private static final GizwitsOtaOptions FAST = GizwitsOtaOptions.defaults().withReadyTimeout(Duration.ofSeconds(2))
            .withAfterLastPiece(Duration.ofMillis(300));

    private static byte[] image(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        data[7] = (byte) 0xFF; // exercise stuffing
        return data;
    }

    /** The MCU side as the reference D5 app implements it (fixtures/firmware/README.md). */
    static final class Mcu {
        final GizwitsCodec codec = new GizwitsCodec();
        final ByteArrayOutputStream appbak = new ByteArrayOutputStream();
        final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        int pieceSize = 256;
        int dropFirstAckOfPiece = -1;
        int abortAtPiece = -1;
        boolean silent;
        boolean echoWrongMd5;
        volatile boolean md5Matched;
        private final byte[] buf = new byte[8192];
        private int len;

        GizwitsFrame next(ByteLink dev, Duration timeout) {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (len > 0) {
                    try {
                        GizwitsCodec.Decoded d = codec.decode(buf, 0, len);
                        if (d instanceof GizwitsCodec.Frame f) {
                            System.arraycopy(buf, f.consumed(), buf, 0, len - f.consumed());
                            len -= f.consumed();
                            received.add(f.frame().command());
                            return f.frame();
                        }
                    } catch (FrameCorruptedException e) {
                        System.arraycopy(buf, e.skip(), buf, 0, len - e.skip());
                        len -= e.skip();
                        continue;
                    }
                }
                len += dev.read(buf, len, buf.length - len, Duration.ofMillis(20));
            }
            return null;
        }

        void send(ByteLink dev, int cmd, int sn, byte[] payload) {
            dev.write(codec.encode(new GizwitsFrame(cmd, sn, payload)));
        }

        void run(ByteLink dev) {
            dev.write("D5: waiting for the P0 OTA start (0x19)\r\n".getBytes(StandardCharsets.US_ASCII));
            GizwitsFrame start = next(dev, Duration.ofSeconds(3));
            if (start == null || silent) {
                return;
            }
            ByteBuffer p = ByteBuffer.wrap(start.payload());
            int size = p.getInt();
            byte[] md5 = new byte[p.getShort()];
            p.get(md5);
            send(dev, 0x1A, start.sn(), new byte[0]);
            sleep(100); // erasing APPBAK
            byte[] echoed = echoWrongMd5 ? "00000000000000000000000000000000".getBytes() : md5;
            send(dev, 0x1B, 1, ByteBuffer.allocate(4 + echoed.length).putShort((short) echoed.length).put(echoed)
                    .putShort((short) pieceSize).array());
            if (next(dev, Duration.ofSeconds(1)) == null) {
                return;
            }
            int expected = 1;
            boolean dropped = false;
            while (true) {
                GizwitsFrame f = next(dev, Duration.ofSeconds(2));
                if (f == null || f.command() != 0x1D) {
                    return;
                }
                ByteBuffer piece = ByteBuffer.wrap(f.payload());
                int number = piece.getShort();
                int count = piece.getShort();
                if (number == abortAtPiece) {
                    send(dev, 0x27, 2, new byte[0]);
                    next(dev, Duration.ofSeconds(1)); // 0x28
                    return;
                }
                if (number == expected) {
                    appbak.write(f.payload(), 4, f.payload().length - 4);
                    expected++;
                }
                if (number == dropFirstAckOfPiece && !dropped) {
                    dropped = true;
                    continue;
                }
                send(dev, 0x1E, f.sn(), new byte[0]);
                if (number == count) {
                    try {
                        String got = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                                .digest(appbak.toByteArray()));
                        md5Matched = got.equals(new String(md5, StandardCharsets.US_ASCII)) && appbak.size() == size;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return;
                }
            }
        }
    }

    @Test
    public void theImageArrivesInMcuSizedPiecesAndTheMd5Matches() {
        byte[] data = image(3000);
        Mcu mcu = new Mcu();
        try (PtyPair pair = new PtyPair()) {
            pair.device(mcu::run);
            List<TransferProgress> progress = new ArrayList<>();
            GizwitsOtaResult result = new GizwitsOtaClient(pair.host, FAST, progress::add)
                    .upload(data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA"));
            assertThat(result.pieceSize()).isEqualTo(256);
            assertThat(result.pieces()).isEqualTo(12);
            assertThat(result.md5()).hasSize(32).isEqualTo(GizwitsOtaClient.md5Hex(data));
            assertThat(mcu.appbak.toByteArray()).isEqualTo(data);
            assertThat(mcu.md5Matched).isTrue();
            assertThat(mcu.received).startsWith(0x19, 0x1C, 0x1D);
            assertThat(progress.get(progress.size() - 1).bytesDone()).isEqualTo(3000);
        }
    }

    @Test
    public void thePieceSizeComesFromTheReadyFrame() {
        byte[] data = image(1000);
        Mcu mcu = new Mcu();
        mcu.pieceSize = 128;
        try (PtyPair pair = new PtyPair()) {
            pair.device(mcu::run);
            GizwitsOtaResult result = new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA"));
            assertThat(result.pieces()).isEqualTo(8);
            assertThat(mcu.appbak.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    public void aLostAckIsResentAfter200MsAndTheDuplicateIsNotFedTwice() {
        byte[] data = image(1500);
        Mcu mcu = new Mcu();
        mcu.dropFirstAckOfPiece = 3;
        try (PtyPair pair = new PtyPair()) {
            pair.device(mcu::run);
            GizwitsOtaResult result = new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA"));
            assertThat(result.resends()).isEqualTo(1);
            assertThat(mcu.md5Matched).isTrue();
        }
    }

    @Test
    public void aSilentMcuTimesOutAfterTheSdkResendsAndGetsAStop() {
        Mcu mcu = new Mcu();
        mcu.silent = true;
        try (PtyPair pair = new PtyPair()) {
            pair.device(mcu::run);
            long start = System.nanoTime();
            assertThatThrownBy(() -> new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(image(500), pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("0x1A ack of 0x19")
                    .hasMessageContaining("3 sends, no ack").hasMessageContaining("D5: waiting");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(550L, 3000L);
        }
    }

    @Test
    public void anAbortFromTheMcuIsAcknowledgedAndEndsTheTransfer() throws Exception {
        Mcu mcu = new Mcu();
        mcu.abortAtPiece = 2;
        try (PtyPair pair = new PtyPair()) {
            var done = pair.device(mcu::run);
            assertThatThrownBy(() -> new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(image(1500), pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA")))
                    .isInstanceOf(TransferAbortedException.class).hasMessageContaining("0x27");
            done.get(3, TimeUnit.SECONDS);
            assertThat(mcu.received).endsWith(0x28);
        }
    }

    @Test
    public void anMcuReadyForADifferentMd5IsAProtocolError() {
        Mcu mcu = new Mcu();
        mcu.echoWrongMd5 = true;
        try (PtyPair pair = new PtyPair()) {
            pair.device(mcu::run);
            assertThatThrownBy(() -> new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(image(500), pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "OTA")))
                    .isInstanceOf(dev.brickproof.rig.ProtocolException.class).hasMessageContaining("MD5");
        }
    }

    @Test
    public void cuttingTheLinkMidTransferIsALinkException() {
        Mcu mcu = new Mcu();
        mcu.abortAtPiece = 5;
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                GizwitsFrame start = mcu.next(dev, Duration.ofSeconds(2));
                mcu.send(dev, 0x1A, start.sn(), new byte[0]);
                pair.pty.close();
            });
            assertThatThrownBy(() -> new GizwitsOtaClient(pair.host, FAST, null)
                    .upload(image(1500), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "OTA")))
                    .isInstanceOf(LinkException.class);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
