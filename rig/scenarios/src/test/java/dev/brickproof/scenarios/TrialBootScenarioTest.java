package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.verdict.Verdict;
import java.util.List;
import org.testng.annotations.Test;

/** Trial boot in lockstep on the L431 YMODEM board: the guarded loader reverts, its weak twin does not. */
public class TrialBootScenarioTest {
    private static final String BOARD = "l431-ymodem";
    private final RigDescription rig = ReferenceRig.load();

    private TrialBootResult run(String variant, RollbackKind kind) {
        return run(BOARD, variant, kind);
    }

    private TrialBootResult run(String board, String variant, RollbackKind kind) {
        BoardResource b = rig.board(board).orElseThrow();
        FirmwareImage boot = variant.equals("robust") ? b.firmwareProfile().orElseThrow().bootloader()
                : b.firmwareProfile().orElseThrow().variant(variant).orElseThrow();
        RigDescription alone = new RigDescription(rig.file(), "trial-test-" + variant, rig.gpio(), rig.runs(), List.of(b));
        try (Rig r = Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false))) {
            return new TrialBootScenario(r.board(board), ScenarioSteps.NONE).withBootloader(boot).run(kind);
        }
    }

    @Test
    public void aCrashingNewAppIsRevertedToTheOldImageWithNoHostAction() {
        TrialBootResult r = run("trial-boot", RollbackKind.CRASH);
        assertThat(r.newAppStarted()).as("the crashing v2 printed its banner first").isTrue();
        assertThat(r.revertMessage()).as("the bootloader said it reverted").isPresent();
        assertThat(r.afterTrial().kind()).as("%s", r.afterTrial()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(r.afterTrial().version()).isEqualTo("1.0");
        assertThat(r.outcome()).contains(Outcome.OLD_BOOTS);
        assertThat(r.matches(Outcome.OLD_BOOTS)).as("%s / %s", r.afterTrial(), r.afterPowerCycle()).isTrue();
        assertThat(r.forensics()).as("v1 runs from intact flash: nothing to examine").isEmpty();
    }

    @Test
    public void aHangingNewAppAndOneThatNeverConfirmsAreRevertedByTheWatchdog() {
        for (RollbackKind kind : List.of(RollbackKind.HANG, RollbackKind.NO_CONFIRM)) {
            TrialBootResult r = run("trial-boot", kind);
            assertThat(r.newAppStarted()).as("%s started", kind).isTrue();
            assertThat(r.matches(Outcome.OLD_BOOTS)).as("%s: %s / %s", kind, r.afterTrial(), r.afterPowerCycle())
                    .isTrue();
        }
    }

    @Test
    public void aHealthyNewAppConfirmsItselfAndIsKept() {
        TrialBootResult r = run("trial-boot", RollbackKind.CONFIRMED);
        assertThat(r.revertMessage()).isEmpty();
        assertThat(r.outcome()).as("%s", r.afterTrial()).contains(Outcome.NEW_BOOTS);
        assertThat(r.matches(Outcome.NEW_BOOTS)).as("%s", r.afterPowerCycle()).isTrue();
    }

    private RequestedRollbackResult requested(String variant) {
        return requested(BOARD, variant);
    }

    private RequestedRollbackResult requested(String board, String variant) {
        BoardResource b = rig.board(board).orElseThrow();
        FirmwareImage boot = variant.equals("robust") ? b.firmwareProfile().orElseThrow().bootloader()
                : b.firmwareProfile().orElseThrow().variant(variant).orElseThrow();
        RigDescription alone = new RigDescription(rig.file(), "rollback-test-" + variant, rig.gpio(), rig.runs(), List.of(b));
        try (Rig r = Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false))) {
            return new RequestedRollbackScenario(r.board(board), ScenarioSteps.NONE).withBootloader(boot).run();
        }
    }

    @Test
    public void aRequestedRollbackBringsTheOldImageBackByFlash() {
        RequestedRollbackResult r = requested("trial-boot");
        assertThat(r.atNew().version()).as("%s", r.atNew()).isEqualTo("2.0");
        assertThat(r.revertMessage()).isPresent();
        assertThat(r.outcome()).as("%s", r.afterRequest()).contains(Outcome.OLD_BOOTS);
        assertThat(r.matches(Outcome.OLD_BOOTS)).as("%s", r.afterPowerCycle()).isTrue();
    }

    @Test
    public void thePingPongAppGetsItsBackupPartitionBackOnRequest() {
        RequestedRollbackResult r = requested("l431-d4-pingpong", "robust");
        assertThat(r.atNew().version()).as("%s", r.atNew()).isEqualTo("2.0");
        assertThat(r.revertMessage()).as("D4: rolling back from backup").isPresent();
        assertThat(r.matches(Outcome.OLD_BOOTS)).as("%s / %s", r.afterRequest(), r.afterPowerCycle()).isTrue();
    }

    @Test
    public void theRamProgressPingPongLoaderIgnoresTheRequestAndKeepsV2() {
        RequestedRollbackResult r = requested("l431-d4-pingpong", "ram-progress");
        assertThat(r.outcome()).as("%s", r.afterRequest()).contains(Outcome.NEW_BOOTS);
        assertThat(r.matches(Outcome.NEW_BOOTS)).as("%s", r.afterPowerCycle()).isTrue();
        assertThat(r.matches(Outcome.OLD_BOOTS)).isFalse();
    }

    @Test
    public void theNoRevertLoaderIgnoresARequestedRollback() {
        RequestedRollbackResult r = requested("trial-no-revert");
        assertThat(r.outcome()).as("%s", r.afterRequest()).contains(Outcome.NEW_BOOTS);
        assertThat(r.matches(Outcome.OLD_BOOTS)).isFalse();
    }

    @Test
    public void pingPongHasNoTrialBootAndIsCaughtDeadAfterACrashingApp() {
        TrialBootResult r = run("l431-d4-pingpong", "robust", RollbackKind.CRASH);
        assertThat(r.newAppStarted()).isTrue();
        assertThat(r.revertMessage()).as("D4-PP never reverts a v2 that passed its CRC").isEmpty();
        assertThat(r.afterTrial().kind()).as("%s", r.afterTrial()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(r.matches(Outcome.BRICKED)).as("%s", r.afterPowerCycle()).isTrue();
        assertThat(r.matches(Outcome.OLD_BOOTS)).isFalse();
        assertThat(r.forensics()).as("a bricked board gets forensics").isPresent();
        ForensicsResult f = r.forensics().orElseThrow();
        assertThat(f.dump()).as("flash dump written").isPresent();
        assertThat(f.diffs()).as("region diff against bootloader, v1 and the crashing v2 it installed")
                .extracting(FlashDiff.ImageDiff::image).hasSize(3).anyMatch(i -> i.contains("crash"));
        assertThat(f.recoverable()).as("recovered through the ROM bootloader: %s", f.recovery().line()).isTrue();
    }

    @Test
    public void theNoRevertLoaderIsCaughtKeepingACrashingApp() {
        TrialBootResult r = run("trial-no-revert", RollbackKind.CRASH);
        assertThat(r.outcome()).as("%s", r.afterTrial()).contains(Outcome.NEW_BOOTS);
        assertThat(r.matches(Outcome.OLD_BOOTS)).as("the robust promise fails on the weak loader").isFalse();
    }
}
