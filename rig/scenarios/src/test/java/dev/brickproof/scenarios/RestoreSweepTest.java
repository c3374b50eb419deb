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
}
