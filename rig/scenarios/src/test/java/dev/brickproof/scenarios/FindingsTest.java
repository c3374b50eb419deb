package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class FindingsTest {

    private static CutOutcome outcome(long k, Verdict v) {
        FlashOperation op = new FlashOperation(100 + k, FlashOperation.Kind.PROGRAM, 0x0800_3000 + 2 * (int) k, 2,
                Duration.ofNanos(50_000), FlashOperation.Outcome.COMPLETED);
        TracedOp traced = new TracedOp((int) k, op, Optional.of(UpdatePhase.APPLY), "programming app page 1 of 8",
                Duration.ofMillis(10 + k));
        return CutOutcome.of(CutPoint.before(k), Optional.of(traced), v, "digest" + k, false);
    }

    @Test
    public void contiguousCutsWithTheSameBadVerdictAreOneFindingStartingAtTheFirst() {
        List<CutOutcome> cuts = new ArrayList<>();
        cuts.add(outcome(0, Verdict.booted("1.0", "ok")));
        cuts.add(outcome(1, Verdict.bricked("erased")));
        cuts.add(outcome(2, Verdict.bricked("erased")));
        cuts.add(outcome(3, Verdict.corrupted("2.0", "mixed")));
        cuts.add(outcome(4, Verdict.booted("2.0", "ok")));
        cuts.add(outcome(5, Verdict.bricked("erased")));
        List<Finding> findings = Findings.of(cuts, c -> "replay " + c);
        assertThat(findings).extracting(f -> f.first().toString(), f -> f.last().toString(), Finding::cuts,
                f -> f.verdict().kind()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("before:1", "before:2", 2, Verdict.Kind.BRICKED),
                org.assertj.core.groups.Tuple.tuple("before:3", "before:3", 1, Verdict.Kind.CORRUPTED),
                org.assertj.core.groups.Tuple.tuple("before:5", "before:5", 1, Verdict.Kind.BRICKED));
        assertThat(findings.get(0).replay()).isEqualTo("replay before:1");
        assertThat(findings.get(0).flashDigest()).isEqualTo("digest1");
        assertThat(findings.get(0).phase()).isEqualTo("apply");
        assertThat(findings.get(0).relayOffset()).contains(Duration.ofMillis(11));
    }

    @Test
    public void aCleanSweepHasNoFinding() {
        assertThat(Findings.of(List.of(outcome(0, Verdict.booted("1.0", "ok")), outcome(1,
                Verdict.booted("2.0", "ok"))), c -> "")).isEmpty();
    }
}
