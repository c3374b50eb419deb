package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.tobudos.patch.BlockPatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * D4 updates by block patch on the emulated L431: the bootloaders rebuild v2.0 byte for byte from v1.0 and the
 * patch, refuse a patch built for another old image, and power cuts at many points of the rebuild end as the
 * manifests' {@code apply} outcome says.
 */
public class FixturePatchTest {
    private static final java.util.Set<String> BAD = java.util.Set.of("BRICKED", "CORRUPTED");


    @DataProvider
    public Object[][] d4Bootloaders() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}, {"l431-d4ip-boot-ram-progress.bin"},
            {"l431-d4pp-boot-ram-progress.bin"}};
    }

    @DataProvider
    public Object[][] robustD4() {
        return new Object[][] {{"l431-d4ip-boot.bin"}, {"l431-d4pp-boot.bin"}};
    }

    @Test(dataProvider = "d4Bootloaders")
    public void theBootloaderRebuildsV2ByteForByteFromV1AndThePatch(String boot) {
        Design.D4 d = (Design.D4) Design.of(boot);
        Bench b = d.bootV1();
        d.update(b);
        byte[] v2 = Fixtures.image(d.app(2));
        assertThat(b.read(d.appBase(), v2.length)).as("app partition after the update").isEqualTo(v2);
        int patchSize = ByteBuffer.wrap(b.read(d.ota + 17, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] sent = d.otaImage();
        assertThat(patchSize).as("patch_size in the staged header").isEqualTo(sent.length - OtaImage.HEADER_SIZE)
                .isLessThan(v2.length);
        assertThat(b.text()).contains("D4: applying patch to v2.0").contains("D4: update done, v2.0");
        System.out.printf("%s: v1.0 -> v2.0 patch %d bytes, v2.0 image %d bytes (%.1f %%)%n", boot, patchSize,
                v2.length, 100.0 * patchSize / v2.length);
    }

    /** The header names another old version (v3.0, its CRC-8): every D4 bootloader refuses and v1.0 boots on. */
    @Test(dataProvider = "d4Bootloaders")
    public void aPatchForAnotherOldVersionIsRefusedAndTheOldVersionBoots(String boot) {
        Design.D4 d = (Design.D4) Design.of(boot);
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
        Design.D4 d = (Design.D4) Design.of(boot);
        byte[] v1 = Fixtures.image(d.app(1));
        byte[] v2 = Fixtures.image(d.app(2));
        byte[] v3 = Fixtures.image(d.app(3));
        byte[] ota = OtaImage.withPatch(2, 0, v2, 1, 0, v1, BlockPatch.forL431(v3, v2).bytes()).encode();
        Bench b = stage(d, ota);
        assertThat(b.text()).contains("D4: patch is for another app (old image CRC differs), update dropped");
        assertV1Intact(d, b);
    }

    /**
     * Power cut before each of several bootloader flash operations of the rebuild, power back with nothing
     * attached: every block's erase in the app partition, the middle and the last app write, the first, middle and
     * last stash write in the OTA partition (in place) and the middle KV progress record. The expected outcome is
     * the manifest's {@code rebuildCuts}: {@code appUnchanged} when the cut leaves the app partition exactly v1.0
     * (nothing written yet, or only blocks v1.0 and v2.0 share), {@code appChanged} otherwise. Robust: the KV log
     * holds the step (STASH_PAGE/APPLY_PAGE) and the stash page the old block, so the rebuild resumes (NEW_BOOTS) —
     * in place it cannot roll back, and it does not need to. ram-progress: the progress was in RAM; an unchanged
     * app passes the old_crc check and the update starts again from scratch, a half-rebuilt one fails it and is
     * started anyway (CORRUPTED).
     */
    @Test(dataProvider = "d4Bootloaders")
    public void cutsAcrossTheRebuildEndAsTheManifestSays(String boot) {
        Design.D4 d = (Design.D4) Design.of(boot);
        Bench clean = d.bootV1();
        long base = clean.board.flashOperations().size();
        clean.clearOps();
        d.update(clean);
        List<Bench.Op> ops = clean.ops();
        List<Bench.Op> rebuild = ops.stream().filter(o -> d.phase(o, ops).equals("apply")).toList();
        List<Bench.Op> stash = ops.stream().filter(o -> !o.byApp() && o.address() >= d.ota && o.address() < d.kv)
                .toList();
        long firstWrite = rebuild.get(0).index();
        long lastWrite = rebuild.get(rebuild.size() - 1).index();
        List<Bench.Op> progress = ops.stream().filter(o -> !o.byApp() && d.inKv(o) && o.index() > firstWrite
                && o.index() < lastWrite).toList();
        assertThat(rebuild).isNotEmpty();
        assertThat(progress.isEmpty()).as("KV progress records during the rebuild: robust only")
                .isEqualTo(boot.contains("ram-progress"));
        List<Bench.Op> points = new ArrayList<>();
        rebuild.stream().filter(o -> o.kind() == Kind.PAGE_ERASE).forEach(points::add);
        points.add(rebuild.get(rebuild.size() / 2));
        points.add(rebuild.get(rebuild.size() - 1));
        if (!stash.isEmpty()) { // in place only: ping-pong reads the old image from its backup
            points.addAll(List.of(stash.get(0), stash.get(stash.size() / 2), stash.get(stash.size() - 1)));
        }
        if (!progress.isEmpty()) {
            points.add(progress.get(progress.size() / 2));
        }
        assertThat(boot.contains("d4ip")).as("in place stashes, ping-pong does not").isEqualTo(!stash.isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) d.manifest.get("rebuildCuts");
        byte[] v1 = Fixtures.image(d.app(1));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Bench.Op target : points) {
            Bench b = d.bootV1();
            b.board.armPowerCut(PowerCut.beforeFlashOp(target.index() - base));
            ClientFailure.afterCut(b, () -> d.update(b));
            assertThat(b.cutFired()).as("cut before %s fired", target).isTrue();
            boolean appStillV1 = java.util.Arrays.equals(b.read(d.appBase(), v1.length), v1);
            int m = b.size();
            b.restorePower();
            b.board.runUntil(() -> b.textSince(m).contains(" app v"), Duration.ofSeconds(8));
            b.board.runFor(Duration.ofMillis(300));
            String outcome = d.classify(b, m);
            String point = String.format("%s@0x%08X#%d%s", target.kind(), target.address(), target.index() - base,
                    appStillV1 ? " (app still v1.0)" : "");
            outcomes.put(point, outcome + (b.textSince(m).contains("resuming patch") ? " (resumed)" : ""));
            String promised = expected.get(appStillV1 ? "appUnchanged" : "appChanged").toString();
            if (BAD.contains(promised)) {
                // a weak rebuild's cut is a product defect; which one depends on where it lands: a half-rebuilt app
                // prints a garbled banner (BRICKED) or a whole v2 banner over mixed flash (CORRUPTED)
                assertThat(outcome).as("%s cut before %s\n%s", boot, point, b.textSince(m)).isIn(BAD);
            } else {
                assertThat(outcome).as("%s cut before %s\n%s", boot, point, b.textSince(m)).isEqualTo(promised);
            }
        }
        System.out.printf("%s rebuild cuts: %s%n", boot, outcomes);
        assertThat(outcomes.keySet()).as("%s: some cuts land where the old image is partly overwritten", boot)
                .anySatisfy(p -> assertThat(p).doesNotContain("app still v1.0"));
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
        Design.D4 d = (Design.D4) Design.of(boot);
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
                && o.address() >= d.appBase() && o.address() < d.appEnd).toList();
        List<Bench.Op> writes = ops.stream().filter(o -> !o.byApp() && o.address() >= d.appBase()
                && o.address() < d.appEnd).toList();
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

    private static void send(Design.D4 d, Bench b, byte[] ota) {
        int m = b.size();
        b.send("update\r\n");
        assertThat(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2))).isTrue();
        try (BenchHost host = new BenchHost(b)) {
            Design.ymodemSender(host).send("ota.bin", ota, host.deadline(Design.CLIENT_BUDGET, "D4 download"));
        }
        assertThat(b.awaitText("D4: staged v2.0", m, Duration.ofSeconds(3))).as(b.text()).isTrue();
    }

    private static Bench stage(Design.D4 d, byte[] ota) {
        Bench b = d.bootV1();
        send(d, b, ota);
        int after = b.size();
        assertThat(b.awaitText(d.appBanner(1), after, Duration.ofSeconds(8))).as(b.textSince(after)).isTrue();
        b.run(Duration.ofMillis(200));
        return b;
    }

    private static void assertV1Intact(Design.D4 d, Bench b) {
        byte[] v1 = Fixtures.image(d.app(1));
        assertThat(b.read(d.appBase(), v1.length)).as("app partition still v1.0").isEqualTo(v1);
        assertThat(b.text()).doesNotContain(d.appBanner(2));
    }
}
