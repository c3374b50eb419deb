package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.scenarios.CutReplay;
import dev.brickproof.scenarios.Finding;
import dev.brickproof.scenarios.InterruptedRollbackScenario;
import dev.brickproof.scenarios.RequestedRollbackResult;
import dev.brickproof.scenarios.RequestedRollbackScenario;
import dev.brickproof.scenarios.RestoreRun;
import dev.brickproof.scenarios.SweepResult;
import dev.brickproof.scenarios.TrialBootResult;
import dev.brickproof.scenarios.TrialBootScenario;
import dev.brickproof.testng.RigSession;
import dev.brickproof.testng.SweepReport;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Trial boot: one test per board, bootloader variant and way a new app fails its first boot (crash, hang, no
 * confirm; and a healthy one as the positive control) that the bootloader manifest lists under {@code rollback:}.
 * What the board comes back to with no host action, flash compared, must be what the manifest says; weak variants
 * (e.g. trial-no-revert) are the negative controls: their manifest states that they keep the broken app.
 */
@Epic("Updates")
@Feature("Rollback")
public class RollbackScenarios extends BoardScenario {

    @DataProvider(name = "trialBoots")
    public Object[][] trialBoots(ITestContext context) {
        List<Object[]> rows = new ArrayList<>();
        for (BoardResource b : updatableBoards(RigSession.of(context), f -> true)) {
            for (FirmwareImage boot : bootloaders(b.firmwareProfile().orElseThrow())) {
                for (RollbackKind kind : RollbackKind.values()) {
                    if (kind.isTrialBoot() && boot.outcomeAfterRollback(kind).isPresent()) {
                        rows.add(new Object[] {b.id(), b.chip().name(), boot.design(), boot.variant(), kind.key()});
                    }
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    @DataProvider(name = "requested")
    public Object[][] requested(ITestContext context) {
        return promising(context, RollbackKind.REQUESTED, false);
    }

    @DataProvider(name = "interrupted")
    public Object[][] interrupted(ITestContext context) {
        return promising(context, RollbackKind.INTERRUPTED_RESTORE, true);
    }

    /** Rows (board, chip, design, variant) of the bootloaders whose manifest promises something for {@code kind}. */
    private static Object[][] promising(ITestContext context, RollbackKind kind, boolean emulatedOnly) {
        List<Object[]> rows = new ArrayList<>();
        for (BoardResource b : updatableBoards(RigSession.of(context), f -> true)) {
            if (emulatedOnly && !b.serial().isEmulated()) {
                continue;
            }
            for (FirmwareImage boot : bootloaders(b.firmwareProfile().orElseThrow())) {
                if (boot.outcomeAfterRollback(kind).isPresent()) {
                    rows.add(new Object[] {b.id(), b.chip().name(), boot.design(), boot.variant()});
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    /** The board's bootloader and every bootloader variant, whether or not it promises anything about cuts. */
    static List<FirmwareImage> bootloaders(dev.brickproof.rig.resource.FirmwareProfile fw) {
        List<FirmwareImage> boots = new ArrayList<>();
        boots.add(fw.bootloader());
        fw.variants().values().stream().filter(FirmwareImage::isBootloader).forEach(boots::add);
        return boots;
    }

    @Test(dataProvider = "trialBoots", description = "a new app failing its trial boot: outcome as the bootloader"
            + " manifest promises, with no host action")
    public void trialBoot(String board, String chip, String design, String variant, String kindKey) {
        try {
            RollbackKind kind = RollbackKind.fromKey(kindKey).orElseThrow();
            steps.testName("trial boot, new app " + kindKey + ": " + design + " (" + variant + ") on " + board);
            Board b = board(board, "trial-" + variant + "-" + kindKey);
            FirmwareImage boot = bootloaders(b.firmware()).stream().filter(v -> v.variant().equals(variant))
                    .findFirst().orElseThrow();
            Outcome expected = boot.outcomeAfterRollback(kind).orElseThrow();
            steps.label("story", "trial boot: " + kindKey);
            steps.parameter("promised", expected);
            TrialBootResult r = new TrialBootScenario(b, steps).withBootloader(boot).provisionThroughRom(throughRom)
                    .run(kind);
            requireNoRigFault(r.afterTrial());
            requireNoRigFault(r.afterPowerCycle());
            if (!r.newAppStarted()) {
                throw productDefect(expected + " after the new app's trial boot, but the new app (" + r.newApp()
                        + ") never printed its banner after the update", r.afterTrial());
            }
            if (!r.matches(expected)) {
                throw productDefect(expected + " after the trial boot of " + r.newApp() + " (left alone: "
                        + r.afterTrial() + "; after a power cycle: " + r.afterPowerCycle() + ")", r.afterTrial());
            }
        } finally {
            attachTranscripts();
        }
    }

    @Test(dataProvider = "requested", description = "the running new app asks for the old image back: outcome as the"
            + " bootloader manifest promises, judged by flash")
    public void requestedRollback(String board, String chip, String design, String variant) {
        try {
            steps.testName("requested rollback: " + design + " (" + variant + ") on " + board);
            Board b = board(board, "rollback-" + variant + "-requested");
            FirmwareImage boot = bootloaders(b.firmware()).stream().filter(v -> v.variant().equals(variant))
                    .findFirst().orElseThrow();
            Outcome expected = boot.outcomeAfterRollback(RollbackKind.REQUESTED).orElseThrow();
            steps.label("story", "requested rollback");
            steps.parameter("promised", expected);
            RequestedRollbackResult r = new RequestedRollbackScenario(b, steps).withBootloader(boot)
                    .provisionThroughRom(throughRom).run();
            requireNoRigFault(r.atNew());
            requireNoRigFault(r.afterRequest());
            requireNoRigFault(r.afterPowerCycle());
            if (!r.matches(expected)) {
                throw productDefect(expected + " after the app asked for the rollback (running before: " + r.atNew()
                        + "; after the request: " + r.afterRequest() + "; after a power cycle: " + r.afterPowerCycle()
                        + ")", r.afterRequest());
            }
        } finally {
            attachTranscripts();
        }
    }

    @Test(dataProvider = "interrupted", description = "power cuts before every flash operation of the bootloader's"
            + " restore of the backup (after a crashed trial boot or a requested rollback), inside its erases and"
            + " after the last: outcome at every cut as the bootloader manifest promises")
    public void interruptedRollback(String board, String chip, String design, String variant) {
        steps.testName("interrupted rollback, restore swept: " + design + " (" + variant + ") on " + board);
        FirmwareImage boot = bootloaders(session.description().board(board).orElseThrow().firmwareProfile()
                .orElseThrow()).stream().filter(v -> v.variant().equals(variant)).findFirst().orElseThrow();
        Outcome expected = boot.outcomeAfterRollback(RollbackKind.INTERRUPTED_RESTORE).orElseThrow();
        boolean negativeControl = expected != Outcome.OLD_BOOTS;
        steps.label("story", negativeControl ? "interrupted rollback: negative control (never restores)"
                : "interrupted rollback");
        steps.parameter("promised", expected);
        SweepResult r = new InterruptedRollbackScenario(session.description(), board, steps).withBootloader(variant)
                .run();
        SweepReport.attach(r);
        RestoreRun restore = r.restore().orElseThrow();
        r.outcomes().forEach(c -> requireNoRigFault(c.verdict()));
        if (negativeControl) {
            assertThat(restore.restored()).as("the %s loader never brings the backup back (%s)", variant,
                    restore.uninterrupted()).isFalse();
        }
        if (!restore.keptPromise()) {
            throw productDefect(expected + " after the " + restore.trigger().key() + " trigger, even without a"
                    + " cut", restore.uninterrupted());
        }
        if (!r.findings().isEmpty()) {
            Finding f = r.findings().get(0);
            CutReplay.Replayed replayed = steps.step("replay " + f.first() + " literally (the restore again, the cut"
                    + " armed in the emulator)", () -> new CutReplay(session.description(), board, variant)
                    .restore(restore.trigger()).replay(f.first()));
            SweepReport.attach(f, replayed);
            assertThat(replayed.outcome().verdictKey()).as("the replay's verdict").isEqualTo(r.outcomes().stream()
                    .filter(c -> c.cut().equals(f.first())).findFirst().orElseThrow().verdictKey());
            assertThat(replayed.outcome().flashDigest()).as("the replay's flash").isEqualTo(f.flashDigest());
            throw new AssertionError("PRODUCT DEFECT: " + r.badCuts() + " of " + r.cutsJudged() + " cuts during the"
                    + " restore break the promise (" + expected + "), e.g. " + f.summary() + ": " + f.verdict()
                    + "; replay: " + f.replay());
        }
    }
}
