package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/** The sweep picture tells a restore sweep apart and never paints a cut that breaks the promise green. */
public class SweepStripTest {

    private static SweepResult restoreSweep(boolean bad) {
        UpdateTrace trace = new UpdateTrace(List.of(), List.of(), new byte[0], 0x08000000, Duration.ZERO, 0);
        CutOutcome cut = new CutOutcome(CutPoint.afterLast(), Optional.empty(), Verdict.booted("2.0", "v2 runs"),
                "digest", false, bad);
        RestoreRun restore = new RestoreRun(RestoreTrigger.CRASH, "1.0", "YMODEM app v2.0 (crash-at-boot)", "2.0",
                Outcome.OLD_BOOTS, Verdict.booted("1.0", "v1 back"), true);
        return new SweepResult("l431-ymodem", "YMODEM", "trial-boot", trace, List.of(cut),
                Findings.of(List.of(cut), c -> "replay " + c), Duration.ofSeconds(1), 1, Optional.of(restore));
    }

    @Test
    public void aRestoreCutThatBootsTheImageThePromiseExcludesIsNotPaintedGreen() {
        String bad = SweepStrip.svg(restoreSweep(true));
        String good = SweepStrip.svg(restoreSweep(false));
        assertThat(bad).contains("#6a1b9a").doesNotContain("fill=\"#2e7d32\"");
        assertThat(good).contains("fill=\"#2e7d32\"").doesNotContain("#6a1b9a");
    }

    @Test
    public void theRestoreSweepsPageSaysWhatWasSweptAndItsTrigger() {
        String html = SweepStrip.html(restoreSweep(false));
        assertThat(html).contains("Power-cut sweep of the restore").contains("restore after a crash at trial boot of")
                .contains("promised after a cut: OLD_BOOTS");
    }
}
