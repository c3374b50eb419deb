package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

/** The scenario in lockstep on a design that refuses a bad image and on weak ones that take it. */
public class RejectedImageScenarioTest {
    private final RigDescription rig = ReferenceRig.load();

    private RejectedImageResult run(String boardId, RejectKind kind) {
        BoardResource b = rig.board(boardId).orElseThrow();
        FirmwareImage foreign = rig.boards().stream().filter(o -> o.chip() != b.chip())
                .map(o -> o.firmwareProfile().orElseThrow().update()).findFirst().orElseThrow();
        RigDescription alone = new RigDescription(rig.file(), "reject-test-" + boardId, rig.gpio(), rig.runs(), List.of(b));
        try (Rig r = Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false))) {
            return new RejectedImageScenario(r.board(boardId), ScenarioSteps.NONE, Path.of("target/bad-images-scenario"))
                    .withForeignApp(foreign).run(kind);
        }
    }

    @Test
    public void aRobustLoaderRefusesAnOversizeImageAndTheOldAppBootsFromIntactFlash() {
        RejectedImageResult r = run("f103-hal-ymodem", RejectKind.OVERSIZE);
        assertThat(r.refusal()).as("the device refused during the transfer").isPresent();
        assertThat(r.verdict().kind()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(r.verdict().version()).isEqualTo("1.0");
        assertThat(r.outcome()).contains(Outcome.OLD_BOOTS);
        assertThat(r.matches(Outcome.OLD_BOOTS)).isTrue();
    }

    @Test
    public void theAsDesignedXmodemLoaderTakesAnOversizeImageSilently() {
        RejectedImageResult r = run("f103-hal-xmodem", RejectKind.OVERSIZE);
        assertThat(r.verdict().kind()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(r.outcome()).as("v2 boots: the loader kept the region's worth and dropped the rest")
                .contains(Outcome.NEW_BOOTS);
    }

    @Test
    public void aFlippedBodyByteIsWrittenAndCaughtByTheFlashComparison() {
        RejectedImageResult r = run("f103-d1", RejectKind.BODY_FLIP);
        assertThat(r.refusal()).isEmpty();
        assertThat(r.verdict().kind()).as("banner v2.0, flash not the v2.0 image").isEqualTo(Verdict.Kind.CORRUPTED);
        assertThat(r.outcome()).contains(Outcome.CORRUPTED);
    }

    @Test
    public void aDowngradeStartsFromABoardRunningV2() {
        RejectedImageResult r = run("f103-d5", RejectKind.DOWNGRADE);
        assertThat(r.running()).isEqualTo("2.0");
        assertThat(r.sent()).isEqualTo("1.0");
        assertThat(r.outcome()).as("%s", r.verdict()).contains(Outcome.NEW_BOOTS);
    }

    @Test
    public void everyManifestPromiseOnTheDefaultRigNamesOnlyKindsTheGeneratorMakes() {
        long promises = rig.boards().stream().flatMap(b -> b.firmwareProfile().stream())
                .flatMap(fw -> java.util.stream.Stream.concat(java.util.stream.Stream.of(fw.bootloader()),
                        fw.variants().values().stream().filter(FirmwareImage::isBootloader)))
                .mapToLong(boot -> boot.rejects().size()).sum();
        assertThat(promises).as("rejects: entries on the default rig").isGreaterThanOrEqualTo(14 * 6);
    }
}
