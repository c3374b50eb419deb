package dev.brickproof.scenarios;

import dev.brickproof.rig.verdict.Verdict;
import java.util.Optional;

/**
 * What one cut point led to.
 *
 * @param cut         the cut
 * @param op          the update's flash operation at the cut (empty for after-last and link cuts)
 * @param verdict     the board's verdict after power returned (and, for a design that resumes, after the
 *                    host repeated the transfer)
 * @param flashDigest SHA-256 of the whole main flash when the verdict was decided
 * @param memoised    true when the outcome was taken from an earlier cut whose recovery read the same flash
 * @param bad         true when the verdict breaks the promise (BRICKED or CORRUPTED)
 */
public record CutOutcome(CutPoint cut, Optional<TracedOp> op, Verdict verdict, String flashDigest, boolean memoised,
                         boolean bad) {

    static CutOutcome of(CutPoint cut, Optional<TracedOp> op, Verdict verdict, String flashDigest, boolean memoised) {
        return new CutOutcome(cut, op, verdict, flashDigest, memoised, verdict.isProductDefectCandidate());
    }

    /** The same outcome, but found by memoisation for another cut. */
    CutOutcome reusedFor(CutPoint other, Optional<TracedOp> otherOp) {
        return new CutOutcome(other, otherOp, verdict, flashDigest, true, bad);
    }

    /**
     * The same verdict, found by memoisation for another cut whose run reads the same flash but leaves other
     * bytes (that nothing read) as they were: its own final-flash digest.
     */
    CutOutcome reusedFor(CutPoint other, Optional<TracedOp> otherOp, String otherDigest) {
        return new CutOutcome(other, otherOp, verdict, otherDigest, true, bad);
    }

    /** The same outcome with {@code suffix} added to its verdict's detail (what else happened around the cut). */
    CutOutcome withDetailAdded(String suffix) {
        return new CutOutcome(cut, op, new Verdict(verdict.kind(), verdict.version(), verdict.detail() + suffix),
                flashDigest, memoised, bad);
    }

    /** Verdict kind and version, e.g. "BOOTED(v1.0)", the part a replay must reproduce besides the digest. */
    public String verdictKey() {
        return verdict.kind() + (verdict.version() == null ? "" : "(v" + verdict.version() + ")");
    }
}
