package dev.brickproof.scenarios;

import dev.brickproof.rig.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Forensics} found about a board after a verdict that was not "the expected image boots".
 *
 * @param verdict     the verdict examined
 * @param dump        the full main-flash dump (.bin), read once through the ROM bootloader; empty when it could
 *                    not be read ({@code dumpProblem} says why)
 * @param dumpSha256  SHA-256 of the dump ("" without a dump)
 * @param dumpProblem why there is no dump, else empty
 * @param diffs       each expected image against the dump: pages that differ, first differing address
 * @param diffText    the same in words
 * @param flashMap    the flash map of the dump (every region, which image it holds), as {@link FlashMap} words it
 * @param recovery    the recovery through the ROM bootloader and its proof
 */
public record ForensicsResult(Verdict verdict, Optional<Path> dump, String dumpSha256, Optional<String> dumpProblem,
                              List<FlashDiff.ImageDiff> diffs, String diffText, String flashMap, Recovery recovery) {

    public ForensicsResult {
        diffs = List.copyOf(diffs);
    }

    public boolean recoverable() {
        return recovery.recovered();
    }

    /** A few lines for reports: the verdict, the dump, the diff, the recovery line. */
    public String summary() {
        return "verdict: " + verdict + "\n"
                + "flash dump: " + dump.map(p -> p + " (sha256 " + dumpSha256 + ")")
                        .orElse("none: " + dumpProblem.orElse("?")) + "\n\n"
                + diffText + "\n" + flashMap + "\n" + recovery.line() + "\n";
    }
}
