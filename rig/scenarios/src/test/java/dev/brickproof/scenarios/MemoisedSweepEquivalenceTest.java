package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The sweep's shortcuts are proven, not assumed: for every reference design and bootloader variant, the fast
 * sweep (fork from the state after a reference cut with the dry run's flash put in place, outcomes memoised by
 * flash) and the literal sweep (the update run again for every cut, the cut armed in the emulator) judge the
 * same cuts with the same verdict and leave byte-identical flash. Strided (a prime stride, so cuts land at
 * every offset within pages) to keep the literal sweep affordable; {@code -Dequivalence.stride=1} checks all.
 */
public class MemoisedSweepEquivalenceTest {
    private static final int STRIDE = Integer.getInteger("equivalence.stride", 0);

    @DataProvider(parallel = false)
    public Object[][] boardsAndVariants() {
        return ReferenceRig.boardsAndVariants();
    }

    @Test(dataProvider = "boardsAndVariants")
    public void memoisedAndExecutedSweepsJudgeEveryCutAlike(String board, String variant, boolean negativeControl) {
        var rig = ReferenceRig.load();
        int stride = STRIDE > 0 ? STRIDE : 0;
        CutSweep fast = CutSweep.of(rig, board).variant(variant).kinds(EnumSet.of(CutPoint.Kind.BEFORE,
                CutPoint.Kind.AFTER_LAST));
        if (stride == 0) {
            // about 40 cuts per design, at a prime-ish stride
            int ops = CutSweep.of(rig, board).variant(variant).stride(1 << 20).run().trace().size();
            stride = Math.max(1, ops / 40) | 1;
        }
        SweepResult memoised = fast.stride(stride).run();
        SweepResult executed = CutSweep.of(rig, board).variant(variant).kinds(EnumSet.of(CutPoint.Kind.BEFORE,
                CutPoint.Kind.AFTER_LAST)).stride(stride).executeEveryCut(true).run();

        assertThat(executed.memoised()).isZero();
        List<CutOutcome> a = memoised.outcomes();
        List<CutOutcome> b = executed.outcomes();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).cut()).isEqualTo(b.get(i).cut());
            assertThat(a.get(i).verdictKey()).as("%s %s cut %s: memoised %s, executed %s", board, variant,
                    a.get(i).cut(), a.get(i).verdict(), b.get(i).verdict()).isEqualTo(b.get(i).verdictKey());
            assertThat(a.get(i).flashDigest()).as("%s %s cut %s: flash after the verdict", board, variant,
                    a.get(i).cut()).isEqualTo(b.get(i).flashDigest());
        }
        assertThat(memoised.findings()).extracting(Finding::first).isEqualTo(
                executed.findings().stream().map(Finding::first).toList());
        System.out.printf("equivalence %s %s: %d cuts at stride %d, %d bad; fast %.1fs, executed %.1fs%n", board,
                variant, a.size(), stride, memoised.badCuts(), memoised.wallSeconds(), executed.wallSeconds());
    }
}
