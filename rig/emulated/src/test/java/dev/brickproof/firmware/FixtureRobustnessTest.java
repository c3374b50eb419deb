package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.gizwits.GizwitsCodec;
import dev.brickproof.rig.protocol.gizwits.GizwitsFrame;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.ymodem.YmodemCodec;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemResult;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Integrity checks of the robust fixtures on the wire: bad data is refused. (Torn writes during the D4 apply and
 * the KV compaction are checked through the rig library: rig/scenarios D4RebuildTest.)
 */
public class FixtureRobustnessTest {
    /** The MCU's ready frame comes after it erased APPBAK: allow for that. */
    private static final GizwitsOtaOptions GIZWITS_OPTIONS =
            GizwitsOtaOptions.defaults().withReadyTimeout(Duration.ofSeconds(10));

    @DataProvider
    public Object[][] ymodemBootloaders() {
        return new Object[][] {{"f103-ymodem-boot.bin"}, {"l431-ymodem-boot.bin"}};
    }

    @Test(dataProvider = "ymodemBootloaders")
    public void ymodemReceiverNaksABlockCorruptedOnTheLineAndTheSendersRetryCompletesTheDownload(String boot) {
        FixtureImages d = new FixtureImages(boot);
        Bench b = d.bootV1();
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        byte[] img = Fixtures.image(d.app(2));
        YmodemResult result;
        CorruptingLink line;
        try (BenchHost host = new BenchHost(b)) {
            line = new CorruptingLink(host.freshLink(), p -> p.length == 1029 && p[1] == 2, p -> {
                byte[] bad = p.clone();
                bad[100] ^= 0x40;
                return bad;
            });
            YmodemSender sender = new YmodemSender(line, YmodemOptions.defaults().withTurnaround(Duration.ZERO), null);
            b.send("1");
            result = sender.send("app.bin", img, host.deadline(BenchHost.CLIENT_BUDGET, "YMODEM download"));
        }
        assertThat(line.corrupted()).as("block 2 went out corrupted").isTrue();
        assertThat(result.resends()).as("the corrupted block 2 was NAKed and sent again, nothing else").isEqualTo(1);
        assertThat(result.bytes()).isEqualTo(img.length);
        m = b.size();
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        assertThat(b.textSince(Math.max(0, m - 300))).contains("completed successfully");
        b.send("3");
        assertThat(b.awaitLine(d.appBanner(2), m, Duration.ofSeconds(2))).as(b.text()).isTrue();
        assertThat(b.read(d.appBase(), img.length)).isEqualTo(img);
    }

    /**
     * No sender sends a block twice unless an ACK was lost, so this session is played packet by packet (packets
     * from the rig's YMODEM codec): a corrupted block and a duplicate are both NAKed, the download completes.
     */
    @Test(dataProvider = "ymodemBootloaders")
    public void ymodemReceiverNaksACorruptedAndADuplicateBlockAndTheRetryCompletesTheDownload(String boot) {
        FixtureImages d = new FixtureImages(boot);
        Bench b = d.bootV1();
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        b.send("1");
        byte[] img = Fixtures.image(d.app(2));
        Bench.Reader r = b.reader();
        Duration t = Duration.ofSeconds(10);
        int ack = YmodemCodec.ACK, nak = YmodemCodec.NAK, c = YmodemCodec.CRC_REQUEST;
        assertThat(r.expect(t, c)).isEqualTo(c);
        b.send(YmodemCodec.encodeHeader("app.bin", img.length));
        assertThat(r.expect(t, ack, nak)).isEqualTo(ack);
        assertThat(r.expect(t, c)).isEqualTo(c);
        for (int off = 0, n = 1; off < img.length; off += 1024, n++) {
            byte[] p = YmodemCodec.encodeBlock(n, img, off, Math.min(1024, img.length - off), 1024, YmodemCodec.PAD);
            if (n == 2) {
                byte[] bad = p.clone();
                bad[100] ^= 0x40;
                b.send(bad);
                assertThat(r.expect(t, ack, nak)).as("corrupted block").isEqualTo(nak);
            }
            b.send(p);
            assertThat(r.expect(t, ack, nak)).as("block %d", n).isEqualTo(ack);
            if (n == 3) {
                b.send(p);  // a duplicate (as after a lost ACK) is NAKed, ST style
                assertThat(r.expect(t, ack, nak)).as("duplicate").isEqualTo(nak);
            }
        }
        b.send(new byte[] {YmodemCodec.EOT});
        assertThat(r.expect(t, ack, nak)).isEqualTo(ack);
        assertThat(r.expect(t, c)).isEqualTo(c);
        b.send(YmodemCodec.encodeEndOfBatch());
        assertThat(r.expect(t, ack)).isEqualTo(ack);
        m = b.size();
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        b.send("3");
        assertThat(b.awaitLine(d.appBanner(2), m, Duration.ofSeconds(2))).as(b.text()).isTrue();
        assertThat(b.read(d.appBase(), img.length)).isEqualTo(img);
    }

    /**
     * One piece's data is changed on the line and its frame sum recomputed, so only the MD5 can tell: the
     * MCU aborts with 0x27 after the last piece and the client reports it as an aborted transfer.
     */
    @Test
    public void d5AppRefusesAnImageWhoseMd5DoesNotMatchAndKeepsBootingV1() {
        FixtureImages d = new FixtureImages("f103-d5-boot.bin");
        Bench b = d.bootV1();
        byte[] img = Fixtures.image(d.app(2));
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("(0x19)\r\n", m, Duration.ofSeconds(2))).isTrue();
        GizwitsCodec codec = new GizwitsCodec();
        try (BenchHost host = new BenchHost(b)) {
            CorruptingLink line = new CorruptingLink(host.freshLink(), p -> pieceNumber(codec, p) == 3, p -> {
                GizwitsFrame f = ((GizwitsCodec.Frame) codec.decode(p, 0, p.length)).frame();
                byte[] payload = f.payload().clone();
                payload[4 + 17] ^= 0x01;
                return codec.encode(new GizwitsFrame(f.command(), f.sn(), f.flags(), payload));
            });
            assertThatThrownBy(() -> new GizwitsOtaClient(line, GIZWITS_OPTIONS, null)
                    .upload(img, host.deadline(BenchHost.CLIENT_BUDGET, "Gizwits OTA")))
                    .as("the MCU aborts after the last piece").isInstanceOf(TransferAbortedException.class)
                    .hasMessageContaining("0x27");
            assertThat(line.corrupted()).isTrue();
        }
        assertThat(b.awaitText("MD5 mismatch", m, Duration.ofSeconds(1))).isTrue();
        assertThat(b.read(0x0800_2C00, 2)).isEqualTo(new byte[] {-1, -1});
        m = b.size();
        b.restorePower();
        assertThat(b.awaitLine(d.appBanner(1), m, Duration.ofSeconds(3))).as(b.text()).isTrue();
    }

    /** The piece number of a Gizwits 0x1D frame, or -1 for any other write. */
    private static int pieceNumber(GizwitsCodec codec, byte[] wire) {
        try {
            if (codec.decode(wire, 0, wire.length) instanceof GizwitsCodec.Frame f
                    && f.frame().command() == GizwitsFrame.PIECE) {
                return (f.frame().payload()[0] & 0xFF) << 8 | (f.frame().payload()[1] & 0xFF);
            }
        } catch (RuntimeException notAFrame) {
            // not a frame of ours: leave it alone
        }
        return -1;
    }

    @DataProvider
    public Object[][] d4Bootloaders() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}};
    }

    @Test(dataProvider = "d4Bootloaders")
    public void d4AppRefusesAnOtaImageWithABadCrcAndStagesNothing(String boot) {
        FixtureImages d = new FixtureImages(boot);
        Bench b = d.bootV1();
        byte[] ota = OtaImage.of(2, 0, Fixtures.image(d.app(2)), 1, 0, Fixtures.image(d.app(1))).encode();
        ota[21 + (ota.length - 21) / 2] ^= 0x01; // a byte in the middle of the patch
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2))).isTrue();
        try (BenchHost host = new BenchHost(b)) {
            YmodemResult r = host.ymodemSender().send("ota.bin", ota, host.deadline(BenchHost.CLIENT_BUDGET, "D4 download"));
            assertThat(r.bytes()).as("the download itself succeeds; the app checks the image after it").isEqualTo(ota.length);
        }
        assertThat(b.awaitText("OTA image rejected", m, Duration.ofSeconds(3))).as(b.text()).isTrue();
        m = b.size();
        b.restorePower();
        assertThat(b.awaitLine(d.appBanner(1), m, Duration.ofSeconds(3))).as(b.textSince(m)).isTrue();
        assertThat(b.textSince(m)).doesNotContain("pending");
    }
}
