package dev.brickproof.scenarios;

import dev.brickproof.rig.verdict.Verdict;

/**
 * A contiguous run of judged cut points of one kind with the same bad outcome. The first cut is the minimal
 * replay.
 *
 * @param kind        the kind of the cuts
 * @param first       the first bad cut (replay this one)
 * @param last        the last bad cut of the run
 * @param cuts        how many judged cuts the run holds
 * @param firstOp     what the first cut's operation does, e.g. "programming app page 3 of 8"
 * @param lastOp      the same for the last cut
 * @param phase       the update phase of the first cut ("-" when none)
 * @param verdict     the first cut's verdict
 * @param flashDigest the first cut's flash digest (a replay reproduces it)
 * @param replay      the command that replays the first cut in lockstep
 * @param relayOffset on a real rig, when the relay should open to hit the first cut: its operation's start
 *                    from the update command, as the dry run timed it (empty for after-last and link cuts)
 */
public record Finding(CutPoint.Kind kind, CutPoint first, CutPoint last, int cuts, String firstOp, String lastOp,
                      String phase, Verdict verdict, String flashDigest, String replay,
                      java.util.Optional<java.time.Duration> relayOffset) {

    /** One line for logs and reports. */
    public String summary() {
        return verdict.kind() + " for " + cuts + " " + kind.key() + " cut" + (cuts == 1 ? "" : "s") + " "
                + first + (cuts == 1 ? "" : " .. " + last) + " (" + phase + ": " + firstOp
                + (cuts == 1 ? "" : " .. " + lastOp) + ")"
                + relayOffset.map(d -> String.format(java.util.Locale.ROOT, ", %.3f ms into the update",
                        d.toNanos() / 1e6)).orElse("");
    }
}
