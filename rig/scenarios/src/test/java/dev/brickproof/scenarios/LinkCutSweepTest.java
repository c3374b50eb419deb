package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.verdict.Verdict;
import java.util.EnumSet;
import org.testng.annotations.Test;

/**
 * {@code link:B}: the console cable comes out after host byte B of the update, power stays, the host retries
 * once and the board is power-cycled and judged. A robust design survives every link cut; D1 as designed
 * (flag cleared before the transfer, no check before the jump) is caught: a cut mid-transfer leaves a half
 * image that its bootloader starts, and no retry gets through.
 */
public class LinkCutSweepTest {

    @Test
    public void theRobustD1SurvivesALinkCutAnywhereInItsTransfer() {
        SweepResult r = CutSweep.of(ReferenceRig.load(), "f103-d1").kinds(EnumSet.of(CutPoint.Kind.LINK)).stride(16)
                .run();
        assertThat(r.trace().hostBytes()).as("bytes the host sent in the clean update").isGreaterThan(8_000);
        assertThat(r.outcomes()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(o -> {
            assertThat(o.cut().kind()).isEqualTo(CutPoint.Kind.LINK);
            assertThat(o.verdict().kind()).as("%s: %s", o.cut(), o.verdict()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(o.verdict().version()).as("%s: %s", o.cut(), o.verdict()).isEqualTo("2.0");
            assertThat(o.verdict().detail()).doesNotContain("never cut");
        });
        assertThat(r.findings()).isEmpty();
    }

    @Test
    public void d1AsDesignedIsBrickedByALinkCutMidTransferAndTheFindingReplays() {
        var rig = ReferenceRig.load();
        SweepResult r = CutSweep.of(rig, "f103-d1").variant("as-designed").kinds(EnumSet.of(CutPoint.Kind.LINK))
                .stride(16).run();
        assertThat(r.findings()).as("findings of %s", r.outcomes()).isNotEmpty();
        Finding first = r.findings().get(0);
        assertThat(first.kind()).isEqualTo(CutPoint.Kind.LINK);
        assertThat(first.verdict().kind()).isEqualTo(Verdict.Kind.BRICKED);
        assertThat(first.replay()).contains("--cut link:");
        CutReplay.Replayed again = new CutReplay(rig, "f103-d1", "as-designed").replay(first.first());
        CutOutcome swept = r.outcomes().stream().filter(o -> o.cut().equals(first.first())).findFirst().orElseThrow();
        assertThat(again.outcome().verdictKey()).isEqualTo(swept.verdictKey());
        assertThat(again.outcome().flashDigest()).isEqualTo(swept.flashDigest());
    }
}
