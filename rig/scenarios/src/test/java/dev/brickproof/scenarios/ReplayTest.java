package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * A finding's replay command reproduces it byte for byte: the literal replay of its first cut ends with the
 * same verdict and the same flash (SHA-256 of all of main flash) as the sweep reported.
 */
public class ReplayTest {

    @DataProvider
    public Object[][] negativeControls() {
        return new Object[][] {{"f103-d1", "as-designed"}, {"f103-d5", "flag-cleared-early"},
            {"l431-d4-pingpong", "ram-progress"}};
    }

    @Test(dataProvider = "negativeControls")
    public void replayingAFindingsFirstCutReproducesItsVerdictAndFlash(String board, String variant) {
        var rig = ReferenceRig.load();
        SweepResult sweep = CutSweep.of(rig, board).variant(variant).stride(64).run();
        assertThat(sweep.findings()).as("%s %s is a negative control", board, variant).isNotEmpty();
        CutReplay replay = new CutReplay(rig, board, variant);
        for (Finding f : sweep.findings()) {
            CutReplay.Replayed r = replay.replay(f.first());
            assertThat(r.outcome().verdict().kind()).as("replay of %s", f.first()).isEqualTo(f.verdict().kind());
            assertThat(r.outcome().verdict().version()).isEqualTo(f.verdict().version());
            assertThat(r.outcome().flashDigest()).as("flash after the replay of %s", f.first())
                    .isEqualTo(f.flashDigest());
            assertThat(f.replay()).endsWith("--board " + board + " replay --variant " + variant + " --cut " + f.first());
            assertThat(r.flashDiff()).contains("app v1.0").contains("app v2.0");
        }
    }
}
