package dev.brickproof.scenarios;

import dev.brickproof.rig.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A time sweep's outcome: the clean update's length, the step, every cut with its verdict, and the bad windows
 * (contiguous cuts with the same BRICKED or CORRUPTED verdict), each with the relay offset that reproduces its
 * first cut.
 */
public record TimeSweepResult(String board, String design, String variant, Duration update, Duration step,
                              List<TimedCut> cuts, Duration wall) {

    public TimeSweepResult {
        cuts = List.copyOf(cuts);
    }

    /** Cut number {@code index}: the relay opened {@code offset} after the update command. */
    public record TimedCut(int index, Duration offset, Verdict verdict) {
        public boolean bad() {
            return verdict.isProductDefectCandidate();
        }
    }

    /** A bad window: cuts {@code first}..{@code last} all ended with {@code verdict}'s kind. */
    public record Window(TimedCut first, TimedCut last, int cuts, Verdict verdict) {
        public String summary() {
            return verdict.kind() + " for " + cuts + " time cut" + (cuts == 1 ? "" : "s") + " from "
                    + first.offset().toMillis() + " ms to " + last.offset().toMillis()
                    + " ms after the update command; replay: open the relay " + first.offset().toMillis()
                    + " ms after the update command";
        }
    }

    public List<Window> findings() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            TimedCut c = cuts.get(i);
            if (!c.bad()) {
                continue;
            }
            int j = i;
            while (j + 1 < cuts.size() && cuts.get(j + 1).bad()
                    && cuts.get(j + 1).verdict().kind() == c.verdict().kind()) {
                j++;
            }
            windows.add(new Window(c, cuts.get(j), j - i + 1, c.verdict()));
            i = j;
        }
        return windows;
    }
}
