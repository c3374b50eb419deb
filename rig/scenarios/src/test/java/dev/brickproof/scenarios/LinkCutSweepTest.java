package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.verdict.Verdict;
import java.util.EnumSet;
import org.testng.annotations.Test;

/**
 * {@code link:B}: the console cable comes out after host byte B of the update, power stays, the host retries
 * once and the board is power-cycled and judged. The YMODEM loader (file size in the header, CRC per block)
 * survives every link cut. D1, robust against power cuts, is not robust against a dropped link: its protocol
 * carries no length or checksum, so after 1 s of silence it takes the truncated image, finds its vectors valid
 * and starts it. The power-cut sweep cannot see this; the link sweep does, and its replay reproduces it.
 */
public class LinkCutSweepTest {

    @Test
    public void theYmodemLoaderSurvivesALinkCutAnywhereInItsTransfer() {
        SweepResult r = CutSweep.of(ReferenceRig.load(), "l431-ymodem").kinds(EnumSet.of(CutPoint.Kind.LINK))
                .stride(4).run();
        int image = ReferenceRig.load().board("l431-ymodem").orElseThrow().firmwareProfile().orElseThrow().update()
                .size();
        assertThat(r.trace().hostBytes()).as("bytes the host sent in the clean update").isGreaterThan(image);
        assertThat(r.outcomes()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(o -> {
            assertThat(o.cut().kind()).isEqualTo(CutPoint.Kind.LINK);
            assertThat(o.verdict().kind()).as("%s: %s", o.cut(), o.verdict()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(o.verdict().detail()).doesNotContain("never cut");
        });
        assertThat(r.findings()).isEmpty();
    }

    @Test
    public void d1StartsATruncatedImageAfterALinkCutAndTheFindingReplays() {
        var rig = ReferenceRig.load();
        SweepResult r = CutSweep.of(rig, "f103-d1").kinds(EnumSet.of(CutPoint.Kind.LINK)).stride(8).run();
        assertThat(r.outcomes().get(0).cut()).isEqualTo(CutPoint.link(0));
        assertThat(r.outcomes().get(0).verdict().kind()).as("a cut before the first byte: the retry does it all")
                .isEqualTo(Verdict.Kind.BOOTED);
        assertThat(r.findings()).as("findings of %s", r.outcomes()).isNotEmpty();
        Finding first = r.findings().get(0);
        assertThat(first.kind()).isEqualTo(CutPoint.Kind.LINK);
        assertThat(first.verdict().kind()).isIn(Verdict.Kind.BRICKED, Verdict.Kind.CORRUPTED);
        assertThat(first.verdict().detail()).contains("partial image");
        assertThat(first.replay()).contains("--cut link:");
        CutReplay.Replayed again = new CutReplay(rig, "f103-d1", null).replay(first.first());
        CutOutcome swept = r.outcomes().stream().filter(o -> o.cut().equals(first.first())).findFirst().orElseThrow();
        assertThat(again.outcome().verdictKey()).isEqualTo(swept.verdictKey());
        assertThat(again.outcome().flashDigest()).isEqualTo(swept.flashDigest());
    }
}
