package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.util.List;

/**
 * Power cuts during the bootloader's restore of the backup (after a crashed trial boot).
 *
 * @param oldVersion  the version the backup holds
 * @param newVersion  the crashed app's version
 * @param restoreOps  flash operations of the uninterrupted restore (dry run), from the crash to the old banner
 * @param cuts        each cut: before which of those operations, and the verdict after power came back
 */
public record InterruptedRollbackResult(String oldVersion, String newVersion, int restoreOps, List<Cut> cuts) {

    /**
     * One cut.
     *
     * @param index   before which restore flash operation (0 = the first after the crash) power dropped
     * @param fired   whether the cut happened (the bootloader reached that operation)
     * @param verdict what booted after power came back, flash compared
     */
    public record Cut(long index, boolean fired, Verdict verdict) { }

    public InterruptedRollbackResult {
        cuts = List.copyOf(cuts);
    }

    /** The cuts that do not show {@code promised} (or never fired); empty when the promise held at every cut. */
    public List<Cut> broken(Outcome promised) {
        return cuts.stream().filter(c -> !c.fired()
                || !VerdictRules.satisfies(c.verdict(), promised, oldVersion, newVersion)).toList();
    }

    /** True when at least one cut was made and every one shows {@code promised}. */
    public boolean matches(Outcome promised) {
        return restoreOps > 0 && !cuts.isEmpty() && broken(promised).isEmpty();
    }
}
