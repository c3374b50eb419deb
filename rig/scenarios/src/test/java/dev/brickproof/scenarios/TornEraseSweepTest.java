package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.FlashOperation;
import java.util.EnumSet;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Power failing inside every erase of the update (three tear fractions each), plus a sample of double cuts
 * (a second cut at the first flash operation of the recovery boot): a robust bootloader survives them all.
 * Torn and double cuts are always executed literally (the update again, the cut armed in the emulator).
 */
public class TornEraseSweepTest {

    @DataProvider
    public Object[][] robustVariants() {
        return java.util.Arrays.stream(ReferenceRig.boardsAndVariants()).filter(r -> !(Boolean) r[2])
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "robustVariants")
    public void aRobustBootloaderSurvivesPowerFailingInsideEveryErase(String board, String variant, boolean negative) {
        SweepResult r = CutSweep.of(ReferenceRig.load(), board).variant(variant)
                .kinds(EnumSet.of(CutPoint.Kind.TORN, CutPoint.Kind.DOUBLE)).stride(1 << 20).run();
        long erases = r.trace().operations().stream().filter(o -> o.operation().kind()
                != FlashOperation.Kind.PROGRAM && o.operation().outcome() == FlashOperation.Outcome.COMPLETED).count();
        assertThat(r.outcomes().stream().filter(c -> c.cut().kind() == CutPoint.Kind.TORN))
                .as("three tears per erase, one program tear at op 0").hasSize((int) (erases * 3
                        + (r.trace().operation(0).operation().kind() == FlashOperation.Kind.PROGRAM ? 1 : 0)));
        assertThat(r.memoised()).isZero();
        System.out.printf("torn %s %s: %d erases, %d cuts, %d bad, %.1fs%n", board, variant, erases,
                r.cutsJudged(), r.badCuts(), r.wallSeconds());
        assertThat(r.findings()).as("%s %s: %s", board, variant, r.findings().stream().map(f -> f.summary() + ": "
                + f.verdict()).toList()).isEmpty();
    }
}
