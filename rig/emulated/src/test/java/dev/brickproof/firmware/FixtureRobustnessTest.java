package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.gizwits.GizwitsCodec;
import dev.brickproof.rig.protocol.gizwits.GizwitsFrame;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.tobudos.KvRecord;
import dev.brickproof.rig.protocol.ymodem.YmodemCodec;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemResult;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Integrity checks of the robust fixtures: bad data is refused, torn writes are survived. */
public class FixtureRobustnessTest {

    @DataProvider
    public Object[][] ymodemBootloaders() {
        return new Object[][] {{"f103-ymodem-boot.bin"}, {"l431-ymodem-boot.bin"}};
    }

    @Test(dataProvider = "ymodemBootloaders")
    public void ymodemReceiverNaksABlockCorruptedOnTheLineAndTheSendersRetryCompletesTheDownload(String boot) {
        Design d = Design.of(boot);
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
            result = sender.send("app.bin", img, host.deadline(Design.CLIENT_BUDGET, "YMODEM download"));
        }
        assertThat(line.corrupted()).as("block 2 went out corrupted").isTrue();
        assertThat(result.resends()).as("the corrupted block 2 was NAKed and sent again, nothing else").isEqualTo(1);
        assertThat(result.bytes()).isEqualTo(img.length);
        m = b.size();
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        assertThat(b.textSince(Math.max(0, m - 300))).contains("completed successfully");
        b.send("3");
        assertThat(b.awaitText(d.appBanner(2), m, Duration.ofSeconds(2))).as(b.text()).isTrue();
        assertThat(b.read(d.appBase(), img.length)).isEqualTo(img);
    }

    /**
     * No sender sends a block twice unless an ACK was lost, so this session is played packet by packet (packets
     * from the rig's YMODEM codec): a corrupted block and a duplicate are both NAKed, the download completes.
     */
    @Test(dataProvider = "ymodemBootloaders")
    public void ymodemReceiverNaksACorruptedAndADuplicateBlockAndTheRetryCompletesTheDownload(String boot) {
        Design d = Design.of(boot);
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
        assertThat(b.awaitText(d.appBanner(2), m, Duration.ofSeconds(2))).as(b.text()).isTrue();
        assertThat(b.read(d.appBase(), img.length)).isEqualTo(img);
    }

    /**
     * One piece's data is changed on the line and its frame sum recomputed, so only the MD5 can tell: the
     * MCU aborts with 0x27 after the last piece and the client reports it as an aborted transfer.
     */
    @Test
    public void d5AppRefusesAnImageWhoseMd5DoesNotMatchAndKeepsBootingV1() {
        Design d = Design.of("f103-d5-boot.bin");
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
            assertThatThrownBy(() -> new GizwitsOtaClient(line, Design.D5.OPTIONS, null)
                    .upload(img, host.deadline(Design.CLIENT_BUDGET, "Gizwits OTA")))
                    .as("the MCU aborts after the last piece").isInstanceOf(TransferAbortedException.class)
                    .hasMessageContaining("0x27");
            assertThat(line.corrupted()).isTrue();
        }
        assertThat(b.awaitText("MD5 mismatch", m, Duration.ofSeconds(1))).isTrue();
        assertThat(b.read(0x0800_2C00, 2)).isEqualTo(new byte[] {-1, -1});
        m = b.size();
        b.restorePower();
        assertThat(b.awaitText(d.appBanner(1), m, Duration.ofSeconds(3))).as(b.text()).isTrue();
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
        Design.D4 d = (Design.D4) Design.of(boot);
        Bench b = d.bootV1();
        byte[] ota = d.otaImage();
        ota[21 + 600] ^= 0x01;
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2))).isTrue();
        try (BenchHost host = new BenchHost(b)) {
            YmodemResult r = Design.ymodemSender(host).send("ota.bin", ota, host.deadline(Design.CLIENT_BUDGET, "D4 download"));
            assertThat(r.bytes()).as("the download itself succeeds; the app checks the image after it").isEqualTo(ota.length);
        }
        assertThat(b.awaitText("OTA image rejected", m, Duration.ofSeconds(3))).as(b.text()).isTrue();
        m = b.size();
        b.restorePower();
        assertThat(b.awaitText(d.appBanner(1), m, Duration.ofSeconds(3))).as(b.textSince(m)).isTrue();
        assertThat(b.textSince(m)).doesNotContain("pending");
    }

    /** Torn (half-done) writes during the apply: a torn app page and a torn, ECC-broken KV record. */
    @Test(dataProvider = "d4Bootloaders")
    public void robustD4ResumesAfterTornWritesDuringTheApply(String boot) {
        Design d = Design.of(boot);
        Bench clean = d.bootV1();
        long base = clean.board.flashOperations().size();
        clean.clearOps();
        d.update(clean);
        List<Bench.Op> ops = clean.ops();
        Design.D4 d4 = (Design.D4) d;
        List<Bench.Op> appPage = ops.stream().filter(o -> d.phase(o, ops).equals("apply")).toList();
        List<Bench.Op> records = ops.stream().filter(o -> !o.byApp() && d4.inKv(o)).toList();
        for (Bench.Op target : List.of(appPage.get(appPage.size() / 2), records.get(records.size() / 2))) {
            Bench b = d.bootV1();
            b.board.armPowerCut(PowerCut.duringFlashOp(target.index() - base, 0.5));
            ClientFailure.afterCut(b, () -> d.update(b));
            assertThat(b.cutFired()).isTrue();
            int m = b.size();
            b.restorePower();
            b.board.runUntil(() -> b.textSince(m).contains(" app v"), Duration.ofSeconds(8));
            b.board.runFor(Duration.ofMillis(200));
            assertThat(d.classify(b, m)).as("tear %s\n%s", target, b.textSince(m)).isEqualTo("NEW_BOOTS");
        }
    }
    /** A KV log with fewer than 128 free slots is compacted on a quiet boot; cur_version survives. */
    @Test(dataProvider = "d4Bootloaders")
    public void d4BootloaderCompactsANearlyFullKvLogAndUpdatesStillWork(String boot) {
        Design.D4 d = (Design.D4) Design.of(boot);
        int kvEnd = 0x0803_F800;
        int slots = (kvEnd - d.kv) / 8;
        byte[] log = new byte[(slots - 100) * 8];
        for (int i = 0; i < slots - 100; i++) {
            byte[] r = new KvRecord(KvRecord.Tag.CUR_VERSION, 1, 0, i).encode();
            System.arraycopy(r, 0, log, KvRecord.SIZE * i, KvRecord.SIZE);
        }
        Bench b = new Bench(Bench.chipOf(d.chip));
        d.provision(b);
        b.program(d.kv, log);
        b.powerOn();
        assertThat(b.awaitText(d.appBanner(1), 0, Duration.ofSeconds(5))).as(b.text()).isTrue();
        assertThat(b.text()).contains("D4: compacting KV");
        byte[] first = b.read(d.kv, 16);
        assertThat(Arrays.copyOf(first, 3)).isEqualTo(new byte[] {0x03, 1, 0});
        assertThat(Arrays.copyOfRange(first, 8, 16)).isEqualTo(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        b.run(Duration.ofMillis(20));
        d.update(b);
        assertThat(b.text()).contains(d.appBanner(2));
    }
}
