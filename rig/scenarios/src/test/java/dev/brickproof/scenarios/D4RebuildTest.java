package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.tobudos.KvRecord;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * D4 (TencentOS-style block patch) on the default rig, through the rig's own update driver, dry run and cut
 * procedures in lockstep: the bootloaders rebuild v2.0 byte for byte from v1.0 and the patch, power cuts at many
 * points of the rebuild end as the manifests' {@code rebuildCuts} say, torn writes in the apply are survived by
 * the robust loaders, and a nearly full KV log is compacted.
 */
public class D4RebuildTest {

    private static List<ReferenceDesigns.Bootloader> d4(boolean robustOnly) {
        return ReferenceDesigns.seedBootloaders().stream().filter(b -> b.image().design().startsWith("D4"))
                .filter(b -> !robustOnly || !b.image().variant().equals("ram-progress")).toList();
    }

    @DataProvider(parallel = true)
    public Object[][] d4Bootloaders() {
        return d4(false).stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    }

    @DataProvider(parallel = true)
    public Object[][] robustD4() {
        return d4(true).stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    }

    /** One dry run per bootloader, shared by its cut tests (as a sweep's workers share the first board's). */
    private static final Map<String, UpdateTrace> DRY_RUNS = new ConcurrentHashMap<>();

    private static UpdateTrace dryRun(ReferenceDesigns.Bootloader boot) {
        return DRY_RUNS.computeIfAbsent(boot.toString(), k -> {
            try (SweepBoard sb = SweepBoard.open(boot.rig(), boot.board(), boot.image().variant(), 0)) {
                return sb.dryRun();
            }
        });
    }

    /** The dry run's operations of {@code phase}, as the library sorts them. */
    private static List<TracedOp> inPhase(List<TracedOp> ops, UpdatePhase phase) {
        return ops.stream().filter(o -> o.phase().equals(Optional.of(phase))).toList();
    }

    private static Region region(ReferenceDesigns.Bootloader boot, String name) {
        return boot.image().layout().region(name).orElseThrow();
    }

    private static byte[] bytes(FirmwareImage image) {
        try {
            return Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test(dataProvider = "d4Bootloaders")
    public void theBootloaderRebuildsV2ByteForByteFromV1AndThePatch(ReferenceDesigns.Bootloader boot) {
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            FirmwareProfile fw = board.firmware();
            UpgradeResult r = new UpgradeScenario(board, ScenarioSteps.NONE).withBootloader(boot.image()).run();
            assertThat(r.promiseKept()).as("%s: %s", boot, r.verdict()).isTrue();
            byte[] v2 = bytes(fw.update());
            assertThat(board.flashReader().orElseThrow().read(fw.update().loadAddress(), v2.length))
                    .as("app partition after the update").isEqualTo(v2);
            byte[] header = board.flashReader().orElseThrow().read(region(boot, "ota").start() + 17, 4);
            int patchSize = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] sent = OtaImage.of(2, 0, v2, 1, 0, bytes(fw.app())).encode();
            assertThat(patchSize).as("patch_size in the staged header").isEqualTo(sent.length - OtaImage.HEADER_SIZE)
                    .isLessThan(v2.length);
            assertThat(String.join("\n", board.console().lastLines(200))).contains("D4: applying patch to v2.0")
                    .contains("D4: update done, v2.0");
        }
    }

    /**
     * Power cut before several bootloader flash operations of the rebuild (the update's {@code apply} phase, as the
     * library sorts a dry run): every erase in the app partition, the middle and the last app write, the first,
     * middle and last stash write in the OTA partition (in place) and the middle KV progress record. The expected
     * outcome is the manifest's {@code rebuildCuts}: {@code appUnchanged} when the cut leaves the app partition
     * exactly v1.0, {@code appChanged} otherwise; a promised BRICKED or CORRUPTED is met by either bad verdict.
     */
    @Test(dataProvider = "d4Bootloaders")
    public void cutsAcrossTheRebuildEndAsTheManifestSays(ReferenceDesigns.Bootloader boot) throws IOException {
        JsonNode promise = new ObjectMapper(new YAMLFactory()).readTree(boot.image().manifest().toFile())
                .get("rebuildCuts");
        Region app = region(boot, "app");
        Region ota = region(boot, "ota");
        Region kv = region(boot, "kv");
        UpdateTrace trace = dryRun(boot);
        try (SweepBoard sb = SweepBoard.open(boot.rig(), boot.board(), boot.image().variant(), 0)) {
            List<TracedOp> ops = trace.operations();
            int flag = inPhase(ops, UpdatePhase.FLAG_WRITE).get(0).position();
            List<TracedOp> rebuild = inPhase(ops, UpdatePhase.APPLY);
            // the bootloader's writes to the OTA partition (after the app's NEW_VERSION): in-place stash pages
            List<TracedOp> stash = ops.stream()
                    .filter(o -> o.position() > flag && ota.contains(o.operation().address())).toList();
            int firstWrite = rebuild.get(0).position();
            int lastWrite = rebuild.get(rebuild.size() - 1).position();
            List<TracedOp> progress = ops.stream().filter(o -> kv.contains(o.operation().address())
                    && o.position() > firstWrite && o.position() < lastWrite).toList();
            boolean ramProgress = boot.image().variant().equals("ram-progress");
            assertThat(progress.isEmpty()).as("KV progress records during the rebuild: robust only")
                    .isEqualTo(ramProgress);
            assertThat(boot.image().design()).as("in place stashes, ping-pong does not")
                    .isEqualTo(stash.isEmpty() ? "D4-PP" : "D4-IP");
            List<TracedOp> points = new ArrayList<>();
            rebuild.stream().filter(o -> o.operation().kind() == FlashOperation.Kind.PAGE_ERASE).forEach(points::add);
            points.add(rebuild.get(rebuild.size() / 2));
            points.add(rebuild.get(rebuild.size() - 1));
            if (!stash.isEmpty()) {
                points.addAll(List.of(stash.get(0), stash.get(stash.size() / 2), stash.get(stash.size() - 1)));
            }
            if (!progress.isEmpty()) {
                points.add(progress.get(progress.size() / 2));
            }
            byte[] v1 = bytes(sb.firmware().app());
            int appOffset = app.start() - trace.flashBase();
            Map<String, String> outcomes = new LinkedHashMap<>();
            for (TracedOp target : points) {
                byte[] before = trace.flashBefore(target.position());
                boolean appStillV1 = Arrays.equals(before, appOffset, appOffset + v1.length, v1, 0, v1.length);
                Outcome promised = Outcome.valueOf(promise.get(appStillV1 ? "appUnchanged" : "appChanged").asText());
                Verdict verdict = sb.executed(CutPoint.before(target.position()), trace).verdict();
                String point = "before:" + target.position() + " (" + target.description() + ")"
                        + (appStillV1 ? " app still v1.0" : "");
                outcomes.put(point, verdict.toString());
                if (promised == Outcome.BRICKED || promised == Outcome.CORRUPTED) {
                    // a weak rebuild's cut is a product defect; which one depends on where it lands
                    assertThat(verdict.kind()).as("%s cut %s", boot, point)
                            .isIn(Verdict.Kind.BRICKED, Verdict.Kind.CORRUPTED);
                } else {
                    assertThat(VerdictRules.satisfies(verdict, promised, "1.0", "2.0"))
                            .as("%s cut %s: promised %s, got %s", boot, point, promised, verdict).isTrue();
                }
            }
            System.out.printf("%s rebuild cuts: %s%n", boot, outcomes);
            assertThat(outcomes.keySet()).as("%s: some cuts land where the old image is partly overwritten", boot)
                    .anySatisfy(p -> assertThat(p).doesNotContain("app still v1.0"));
        }
    }

    /** Torn (half-done) writes during the apply: a torn app write and a torn, ECC-broken KV record. */
    @Test(dataProvider = "robustD4")
    public void robustD4ResumesAfterTornWritesDuringTheApply(ReferenceDesigns.Bootloader boot) {
        Region kv = region(boot, "kv");
        UpdateTrace trace = dryRun(boot);
        try (SweepBoard sb = SweepBoard.open(boot.rig(), boot.board(), boot.image().variant(), 0)) {
            List<TracedOp> ops = trace.operations();
            int flag = inPhase(ops, UpdatePhase.FLAG_WRITE).get(0).position();
            List<TracedOp> apply = inPhase(ops, UpdatePhase.APPLY);
            List<TracedOp> records = ops.stream()
                    .filter(o -> o.position() > flag && kv.contains(o.operation().address())).toList();
            for (TracedOp target : List.of(apply.get(apply.size() / 2), records.get(records.size() / 2))) {
                Verdict verdict = sb.executed(CutPoint.torn(target.position(), 0), trace).verdict();
                assertThat(verdict.kind()).as("%s tear %s: %s", boot, target.description(), verdict)
                        .isEqualTo(Verdict.Kind.BOOTED);
                assertThat(verdict.version()).isEqualTo("2.0");
            }
        }
    }

    /** A KV log with fewer than 128 free slots is compacted on a quiet boot; cur_version survives; updates work. */
    @Test(dataProvider = "robustD4")
    public void d4BootloaderCompactsANearlyFullKvLogAndUpdatesStillWork(ReferenceDesigns.Bootloader boot) {
        Region kv = region(boot, "kv");
        int slots = (kv.end() - kv.start()) / KvRecord.SIZE;
        byte[] log = new byte[(slots - 100) * KvRecord.SIZE];
        for (int i = 0; i < slots - 100; i++) {
            System.arraycopy(new KvRecord(KvRecord.Tag.CUR_VERSION, 1, 0, i).encode(), 0, log, KvRecord.SIZE * i,
                    KvRecord.SIZE);
        }
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(boot.image(), fw.app()));
            board.simulated().orElseThrow().program(kv.start(), log);
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            assertThat(String.join("\n", board.console().lastLines(50))).contains("D4: compacting KV");
            byte[] first = board.flashReader().orElseThrow().read(kv.start(), 16);
            assertThat(Arrays.copyOf(first, 3)).isEqualTo(new byte[] {0x03, 1, 0});
            assertThat(Arrays.copyOfRange(first, 8, 16)).isEqualTo(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
            UpdateDrivers.forFirmware(fw).update(board, strategy, fw.update(), UpdateDeadline.of(board, fw.update()),
                    ProgressListener.NONE);
            Verdict verdict = BoardSetup.judge(board, ScenarioSteps.NONE);
            assertThat(verdict.kind()).as("%s", verdict).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(verdict.version()).isEqualTo("2.0");
        }
    }
}
