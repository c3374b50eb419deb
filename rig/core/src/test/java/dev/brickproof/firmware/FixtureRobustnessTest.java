package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.PowerCut;
import java.nio.ByteBuffer;
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
    public void ymodemReceiverNaksACorruptedBlockAndTheRetryCompletesTheDownload(String boot) {
        Design d = Design.of(boot);
        Bench b = d.bootV1();
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        b.send("1");
        byte[] img = Fixtures.image(d.app(2));
        Bench.Reader r = b.reader();
        Duration t = Duration.ofSeconds(10);
        assertThat(r.expect(t, HostSide.C)).isEqualTo(HostSide.C);
        b.send(HostSide.ymodemPacket(0, Design.ascii("app.bin\0" + img.length), 128));
        assertThat(r.expect(t, HostSide.ACK, HostSide.NAK)).isEqualTo(HostSide.ACK);
        assertThat(r.expect(t, HostSide.C)).isEqualTo(HostSide.C);
        for (int off = 0, n = 1; off < img.length; off += 1024, n++) {
            byte[] p = HostSide.ymodemPacket(n, Arrays.copyOfRange(img, off, Math.min(img.length, off + 1024)), 1024);
            if (n == 2) {
                byte[] bad = p.clone();
                bad[100] ^= 0x40;
                b.send(bad);
                assertThat(r.expect(t, HostSide.ACK, HostSide.NAK)).as("corrupted block").isEqualTo(HostSide.NAK);
            }
            b.send(p);
            assertThat(r.expect(t, HostSide.ACK, HostSide.NAK)).as("block %d", n).isEqualTo(HostSide.ACK);
            if (n == 3) {
                b.send(p);  // a duplicate (as after a lost ACK) is NAKed, ST style
                assertThat(r.expect(t, HostSide.ACK, HostSide.NAK)).as("duplicate").isEqualTo(HostSide.NAK);
            }
        }
        b.send(new byte[] {HostSide.EOT});
        assertThat(r.expect(t, HostSide.ACK, HostSide.NAK)).isEqualTo(HostSide.ACK);
        assertThat(r.expect(t, HostSide.C)).isEqualTo(HostSide.C);
        b.send(HostSide.ymodemPacket(0, new byte[0], 128));
        assertThat(r.expect(t, HostSide.ACK)).isEqualTo(HostSide.ACK);
        m = b.size();
        assertThat(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2))).isTrue();
        b.send("3");
        assertThat(b.awaitText(d.appBanner(2), m, Duration.ofSeconds(2))).as(b.text()).isTrue();
        assertThat(b.read(d.appBase(), img.length)).isEqualTo(img);
    }

    @Test
    public void d5AppRefusesAnImageWhoseMd5DoesNotMatchAndKeepsBootingV1() {
        Design d = Design.of("f103-d5-boot.bin");
        Bench b = d.bootV1();
        byte[] img = Fixtures.image(d.app(2));
        byte[] wrongMd5 = Design.ascii(Design.D5.md5Hex(Fixtures.image(d.app(3))));
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("(0x19)\r\n", m, Duration.ofSeconds(2))).isTrue();
        Bench.Reader r = b.reader();
        b.send(HostSide.p0Frame(0x19, 1, ByteBuffer.allocate(38).putInt(img.length).putShort((short) 32).put(wrongMd5).array()));
        assertThat(HostSide.p0Read(r, Duration.ofSeconds(3))[0]).isEqualTo((byte) 0x1A);
        assertThat(HostSide.p0Read(r, Duration.ofSeconds(10))[0]).isEqualTo((byte) 0x1B);
        int count = (img.length + 255) / 256;
        byte[] last = null;
        for (int i = 0; i < count; i++) {
            byte[] piece = Arrays.copyOfRange(img, i * 256, Math.min(img.length, (i + 1) * 256));
            b.send(HostSide.p0Frame(0x1D, 2 + i, ByteBuffer.allocate(4 + piece.length)
                    .putShort((short) (i + 1)).putShort((short) count).put(piece).array()));
            last = HostSide.p0Read(r, Duration.ofSeconds(3));
        }
        assertThat(last[0]).as("MCU aborts after the last piece").isEqualTo((byte) 0x27);
        assertThat(b.awaitText("MD5 mismatch", m, Duration.ofSeconds(1))).isTrue();
        assertThat(b.read(0x0800_2C00, 2)).isEqualTo(new byte[] {-1, -1});
        m = b.size();
        b.restorePower();
        assertThat(b.awaitText(d.appBanner(1), m, Duration.ofSeconds(3))).as(b.text()).isTrue();
    }

    @DataProvider
    public Object[][] d4Bootloaders() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}};
    }

    @Test(dataProvider = "d4Bootloaders")
    public void d4AppRefusesAnOtaImageWithABadCrcAndStagesNothing(String boot) {
        Design d = Design.of(boot);
        Bench b = d.bootV1();
        byte[] ota = HostSide.otaImage(Fixtures.image(d.app(2)), new int[] {2, 0}, Fixtures.image(d.app(1)), new int[] {1, 0});
        ota[21 + 600] ^= 0x01;
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2))).isTrue();
        HostSide.ymodemSend(b, "ota.bin", ota);
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
            try {
                d.update(b);
            } catch (AssertionError e) {
                if (!b.cutFired()) {
                    throw e;
                }
            }
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
            byte[] r = {0x03, 1, 0, 0, (byte) i, (byte) (i >> 8), 0, 0};
            r[7] = (byte) HostSide.crc8(Arrays.copyOf(r, 7), 0);
            System.arraycopy(r, 0, log, 8 * i, 8);
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
