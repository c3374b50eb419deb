package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;
import java.util.EnumSet;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The restore of a backup swept like an update (lockstep, emulated L431 boards): the trial-boot YMODEM loader's
 * revert of a crashing v2 and D4-PP's requested rollback. Memoised and executed sweeps judge every cut alike; a
 * restore cut replays to the same verdict and flash; the weak twins never restore.
 */
public class RestoreSweepTest {
    private final dev.brickproof.rig.resource.RigDescription rig = ReferenceRig.load();

    @DataProvider
    public Object[][] robustRestores() {
        return new Object[][] {{"l431-ymodem", "trial-boot", RestoreTrigger.CRASH},
            {"l431-d4-pingpong", "robust", RestoreTrigger.REQUESTED}};
    }

    @Test(dataProvider = "robustRestores")
    public void theManifestImpliesTheTriggerAndTheUninterruptedRestoreBringsTheOldImageBack(String board,
            String variant, RestoreTrigger trigger) {
        SweepResult r = CutSweep.of(rig, board).variant(variant).restore(null).stride(1 << 20).run();
        RestoreRun restore = r.restore().orElseThrow();
        assertThat(restore.trigger()).isEqualTo(trigger);
        assertThat(restore.restored()).as("%s", restore.uninterrupted()).isTrue();
        assertThat(restore.keptPromise()).isTrue();
        assertThat(r.trace().size()).as("restore flash operations").isGreaterThan(3);
        System.out.printf("restore %s %s: %d ops, uninterrupted %s%n", board, variant, r.trace().size(),
                restore.uninterrupted());
    }

    @Test(dataProvider = "robustRestores")
    public void memoisedAndExecutedRestoreSweepsJudgeEveryCutAlike(String board, String variant,
            RestoreTrigger trigger) {
        int ops = CutSweep.of(rig, board).variant(variant).restore(trigger).stride(1 << 20).run().trace().size();
        int stride = Math.max(1, ops / 30) | 1;
        var kinds = EnumSet.of(CutPoint.Kind.BEFORE, CutPoint.Kind.AFTER_LAST);
        SweepResult memoised = CutSweep.of(rig, board).variant(variant).restore(trigger).kinds(kinds).stride(stride)
                .run();
        SweepResult executed = CutSweep.of(rig, board).variant(variant).restore(trigger).kinds(kinds).stride(stride)
                .executeEveryCut(true).run();
        assertThat(executed.memoised()).isZero();
        assertThat(memoised.memoised()).as("the memo is used").isPositive();
        List<CutOutcome> a = memoised.outcomes();
        List<CutOutcome> b = executed.outcomes();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).cut()).isEqualTo(b.get(i).cut());
            assertThat(a.get(i).verdictKey()).as("%s %s restore cut %s: memoised %s, executed %s", board, variant,
                    a.get(i).cut(), a.get(i).verdict(), b.get(i).verdict()).isEqualTo(b.get(i).verdictKey());
            assertThat(a.get(i).flashDigest()).as("%s %s restore cut %s: flash", board, variant, a.get(i).cut())
                    .isEqualTo(b.get(i).flashDigest());
            assertThat(a.get(i).bad()).isEqualTo(b.get(i).bad());
        }
        assertThat(a).as("no cut is a rig fault").noneMatch(c -> c.verdict().kind() == Verdict.Kind.RIG_FAULT);
        System.out.printf("restore equivalence %s %s: %d ops, %d cuts at stride %d, %d bad; memoised %.1fs (%d"
                + " executed), executed %.1fs%n", board, variant, ops, a.size(), stride, memoised.badCuts(),
                memoised.wallSeconds(), memoised.executed(), executed.wallSeconds());
    }

    @Test(dataProvider = "robustRestores")
    public void aRobustRestoreKeepsTheOldImageAtEveryStridedCutAndARequestLostBeforeItReachedFlashLeavesTheNewApp(
            String board, String variant, RestoreTrigger trigger) {
        SweepResult r = CutSweep.of(rig, board).variant(variant).restore(trigger).stride(11).run();
        assertThat(r.findings()).as("%s %s: %s", board, variant, r.findings()).isEmpty();
        CutOutcome first = r.outcomes().get(0);
        assertThat(first.cut()).isEqualTo(CutPoint.before(0));
        // a cut before the trigger's first write: the crash was not yet reverted, so the loader still reverts it;
        // a request not yet written is lost, the healthy new app runs on intact
        assertThat(first.verdictKey()).as("%s", first.verdict())
                .isEqualTo(trigger == RestoreTrigger.CRASH ? "BOOTED(v1.0)" : "BOOTED(v2.0)");
        assertThat(first.bad()).isFalse();
    }

    @Test(dataProvider = "robustRestores")
    public void aReplayedRestoreCutReproducesTheSweepsVerdictAndFlash(String board, String variant,
            RestoreTrigger trigger) {
        int ops = CutSweep.of(rig, board).variant(variant).restore(trigger).stride(1 << 20).run().trace().size();
        long mid = ops / 2;
        SweepResult sweep = CutSweep.of(rig, board).variant(variant).restore(trigger)
                .kinds(EnumSet.of(CutPoint.Kind.BEFORE, CutPoint.Kind.TORN)).stride((int) mid).run();
        CutOutcome before = sweep.outcomes().stream().filter(c -> c.cut().equals(CutPoint.before(mid))).findFirst()
                .orElseThrow();
        CutOutcome torn = sweep.outcomes().stream().filter(c -> c.cut().kind() == CutPoint.Kind.TORN).skip(1)
                .findFirst().orElseThrow();
        CutReplay replay = new CutReplay(rig, board, variant).restore(trigger);
        for (CutOutcome swept : List.of(before, torn)) {
            CutReplay.Replayed r = replay.replay(swept.cut());
            assertThat(r.outcome().verdictKey()).as("replay of restore cut %s", swept.cut())
                    .isEqualTo(swept.verdictKey());
            assertThat(r.outcome().flashDigest()).as("flash after the replay of restore cut %s", swept.cut())
                    .isEqualTo(swept.flashDigest());
        }
        assertThat(CutSweep.of(rig, board).variant(variant).restore(trigger).replayCommand(before.cut())).endsWith(
                "--board " + board + " replay --variant " + variant + " --path restore --trigger " + trigger.key()
                        + " --cut " + before.cut());
    }

    @DataProvider
    public Object[][] weakTwins() {
        return new Object[][] {{"l431-ymodem", "trial-no-revert", RestoreTrigger.CRASH},
            {"l431-d4-pingpong", "ram-progress", RestoreTrigger.REQUESTED}};
    }

    @Test(dataProvider = "weakTwins")
    public void aWeakTwinNeverRestoresSoItsSweepHasOnlyTheTriggersOwnWritesToCut(String board, String variant,
            RestoreTrigger trigger) {
        SweepResult r = CutSweep.of(rig, board).variant(variant).restore(null).run();
        RestoreRun restore = r.restore().orElseThrow();
        assertThat(restore.trigger()).isEqualTo(trigger);
        assertThat(restore.restored()).as("%s", restore.uninterrupted()).isFalse();
        assertThat(restore.uninterrupted().kind()).isEqualTo(Verdict.Kind.BOOTED);
        assertThat(restore.uninterrupted().version()).isEqualTo("2.0");
        assertThat(restore.promised()).as("its manifest says it keeps the new app").isEqualTo(Outcome.NEW_BOOTS);
        assertThat(restore.keptPromise()).isTrue();
        assertThat(r.trace().size()).as("no restore: only the trigger's own records").isLessThan(5);
        assertThat(r.outcomes()).allSatisfy(c -> assertThat(c.verdictKey()).isEqualTo("BOOTED(v2.0)"));
        assertThat(r.brokePromise()).isFalse();
    }

    @Test
    public void aRequestedRollbackAcceptsTheIntactNewAppAfterACutButACrashedTrialDoesNot() {
        Verdict v2 = Verdict.booted("2.0", "banner and flash match v2.0");
        Verdict v1 = Verdict.booted("1.0", "banner and flash match v1.0");
        Verdict bricked = Verdict.bricked("no banner");
        assertThat(RestoreTrigger.REQUESTED.keeps(v2, Outcome.OLD_BOOTS, "1.0", "2.0")).isTrue();
        assertThat(RestoreTrigger.CRASH.keeps(v2, Outcome.OLD_BOOTS, "1.0", "2.0")).isFalse();
        assertThat(RestoreTrigger.CRASH.keeps(v1, Outcome.OLD_BOOTS, "1.0", "2.0")).isTrue();
        assertThat(RestoreTrigger.REQUESTED.keeps(bricked, Outcome.OLD_BOOTS, "1.0", "2.0")).isFalse();
        assertThat(RestoreTrigger.REQUESTED.keeps(Verdict.corrupted("1.0", "app differs"), Outcome.OLD_BOOTS, "1.0",
                "2.0")).isFalse();
    }
}
