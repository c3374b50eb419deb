package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.tobudos.patch.BlockPatch;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * D4 updates by block patch on the emulated L431, with OTA images no honest host sends: the bootloaders refuse a
 * patch built for another old image and rebuild a patch with a dependency cycle exactly, also across cuts. (The
 * clean v1.0 to v2.0 rebuild and the cuts across it that the manifests' {@code rebuildCuts} promise are checked
 * through the rig library: rig/scenarios D4RebuildTest.)
 */
public class FixturePatchTest {
    @DataProvider
    public Object[][] d4Bootloaders() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}, {"l431-d4ip-boot-ram-progress.bin"},
            {"l431-d4pp-boot-ram-progress.bin"}};
    }

    @DataProvider
    public Object[][] robustD4() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}};
    }

    /** The header names another old version (v3.0, its CRC-8): every D4 bootloader refuses and v1.0 boots on. */
    @Test(dataProvider = "d4Bootloaders")
    public void aPatchForAnotherOldVersionIsRefusedAndTheOldVersionBoots(String boot) {
        FixtureImages d = new FixtureImages(boot);
        byte[] v2 = Fixtures.image(d.app(2));
        byte[] v3 = Fixtures.image(d.app(3));
        byte[] ota = OtaImage.of(2, 0, v2, 3, 0, v3).encode();
        Bench b = stage(d, ota);
        assertThat(b.text()).contains(boot.contains("ram-progress") ? "D4: update verification failed"
                : "D4: patch is for another app (old image CRC differs), update dropped");
        assertV1Intact(d, b);
    }

    /**
     * The header is right for v1.0 (version, size, CRC-8) but the patch inside was built from v3.0: only the
     * patch's CRC-32 of the old image tells, and the robust bootloaders check it before touching the app.
     */
    @Test(dataProvider = "robustD4")
    public void aPatchFromAnotherOldImageUnderARightHeaderIsRefusedByItsCrc32(String boot) {
        FixtureImages d = new FixtureImages(boot);
        byte[] v1 = Fixtures.image(d.app(1));
        byte[] v2 = Fixtures.image(d.app(2));
        byte[] v3 = Fixtures.image(d.app(3));
        byte[] ota = OtaImage.withPatch(2, 0, v2, 1, 0, v1, BlockPatch.forL431(v3, v2).bytes()).encode();
        Bench b = stage(d, ota);
        assertThat(b.text()).contains("D4: patch is for another app (old image CRC differs), update dropped");
        assertV1Intact(d, b);
    }

    /**
     * A new image whose first two blocks are v1.0's swapped: each new block reads the other's old content, a
     * dependency cycle the generator breaks with a stash slot. The bootloaders rebuild it exactly, also when the
     * power is cut before the second block's erase (in place: the first block is already overwritten and its old
     * content lives only in the stash slot) or in the middle of the rebuild. The result is no bootable app (its
     * vector table moved), so the flash is compared right after "update done".
     */
    @Test(dataProvider = "robustD4")
    public void aDependencyCycleIsBrokenByAStashSlotAndTheRebuildSurvivesCutsInIt(String boot) {
        FixtureImages d = new FixtureImages(boot);
        byte[] v1 = Fixtures.image(d.app(1));
        byte[] swapped = v1.clone();
        System.arraycopy(v1, 2048, swapped, 0, 2048);
        System.arraycopy(v1, 0, swapped, 2048, 2048);
        BlockPatch patch = BlockPatch.forL431(v1, swapped);
        assertThat(patch.stashSlots()).as("the swap is a cycle").isEqualTo(1);
        byte[] ota = OtaImage.withPatch(2, 0, swapped, 1, 0, v1, patch.bytes()).encode();

        Bench clean = d.bootV1();
        long base = clean.board.flashOperations().size();
        clean.clearOps();
        int m0 = clean.size();
        send(d, clean, ota);
        assertThat(clean.awaitText("D4: update done, v2.0", m0, Duration.ofSeconds(10))).as(clean.text()).isTrue();
        assertThat(clean.read(d.appBase(), swapped.length)).isEqualTo(swapped);
        List<Bench.Op> ops = clean.ops();
        List<Bench.Op> erases = ops.stream().filter(o -> !o.byApp() && o.kind() == Kind.PAGE_ERASE
                && o.address() >= d.appBase() && o.address() < d.region("app", true)).toList();
        List<Bench.Op> writes = ops.stream().filter(o -> !o.byApp() && o.address() >= d.appBase()
                && o.address() < d.region("app", true)).toList();
        for (Bench.Op target : List.of(erases.get(1), writes.get(writes.size() / 2))) {
            Bench b = d.bootV1();
            b.board.armPowerCut(PowerCut.beforeFlashOp(target.index() - base));
            send(d, b, ota);
            b.awaitText("D4: update done", 0, Duration.ofSeconds(10));
            assertThat(b.cutFired()).as("cut before %s fired", target).isTrue();
            int m = b.size();
            b.restorePower();
            b.board.runUntil(() -> b.textSince(m).contains("D4: update done, v2.0"), Duration.ofSeconds(10));
            assertThat(b.textSince(m)).as("cut before %s", target).contains("D4: update done, v2.0");
            assertThat(b.textSince(m)).contains("D4: resuming patch to v2.0");
            assertThat(b.read(d.appBase(), swapped.length)).as("rebuilt after a cut before %s", target)
                    .isEqualTo(swapped);
        }
    }

    private static void send(FixtureImages d, Bench b, byte[] ota) {
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2))).isTrue();
        try (BenchHost host = new BenchHost(b)) {
            host.ymodemSender().send("ota.bin", ota, host.deadline(BenchHost.CLIENT_BUDGET, "D4 download"));
        }
        assertThat(b.awaitText("D4: staged v2.0", m, Duration.ofSeconds(3))).as(b.text()).isTrue();
    }

    private static Bench stage(FixtureImages d, byte[] ota) {
        Bench b = d.bootV1();
        send(d, b, ota);
        int after = b.size();
        assertThat(b.awaitLine(d.appBanner(1), after, Duration.ofSeconds(8))).as(b.textSince(after)).isTrue();
        b.run(Duration.ofMillis(200));
        return b;
    }

    private static void assertV1Intact(FixtureImages d, Bench b) {
        byte[] v1 = Fixtures.image(d.app(1));
        assertThat(b.read(d.appBase(), v1.length)).as("app partition still v1.0").isEqualTo(v1);
        assertThat(FixtureImages.anyLineMatches(b.text(), d.appBanner(2))).as(b.text()).isFalse();
    }
}
