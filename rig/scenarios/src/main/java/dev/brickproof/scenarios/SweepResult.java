package dev.brickproof.scenarios;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one sweep found.
 *
 * @param board        board id
 * @param design       the board's design
 * @param variant      bootloader variant swept
 * @param trace        the dry run (operations, phases)
 * @param outcomes     one per judged cut, in sweep order
 * @param findings     bad windows, first cut of each the minimal replay
 * @param wall         wall time of the sweep (dry run included)
 * @param threads      boards that judged cuts in parallel
 * @param restore      for a sweep of the bootloader's restore: its trigger and what the dry run showed; empty for
 *                     an update
 */
public record SweepResult(String board, String design, String variant, UpdateTrace trace, List<CutOutcome> outcomes,
                          List<Finding> findings, Duration wall, int threads, Optional<RestoreRun> restore) {

    public SweepResult {
        outcomes = List.copyOf(outcomes);
        findings = List.copyOf(findings);
    }

    /** "update" or "restore": what was swept. */
    public String path() {
        return restore.isPresent() ? "restore" : "update";
    }

    /**
     * True when the sweep shows a broken promise: a finding, or (restore) an uninterrupted restore that already
     * breaks it.
     */
    public boolean brokePromise() {
        return !findings.isEmpty() || restore.map(r -> !r.keptPromise()).orElse(false);
    }

    public int cutsJudged() {
        return outcomes.size();
    }

    public long memoised() {
        return outcomes.stream().filter(CutOutcome::memoised).count();
    }

    public long executed() {
        return cutsJudged() - memoised();
    }

    public long badCuts() {
        return outcomes.stream().filter(CutOutcome::bad).count();
    }

    public double wallSeconds() {
        return wall.toNanos() / 1e9;
    }

    /** Sweep wall seconds per virtual second of one clean upgrade of this design. */
    public double upgradeEquivalents() {
        double upgrade = trace.upgradeTime().toNanos() / 1e9;
        return upgrade <= 0 ? 0 : wallSeconds() / upgrade;
    }

    public double cutsPerSecond() {
        return wallSeconds() <= 0 ? 0 : cutsJudged() / wallSeconds();
    }
}
