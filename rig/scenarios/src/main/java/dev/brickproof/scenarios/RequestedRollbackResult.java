package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.util.Optional;

/**
 * What a rollback asked for by the running new app led to.
 *
 * @param bootloader      the bootloader variant under test
 * @param oldVersion      the version before the update (what the backup should hold)
 * @param newApp          the new app's label
 * @param newVersion      the new app's version
 * @param atNew           the verdict before the request: the board must run the new app (flash compared)
 * @param revertMessage   the bootloader's revert line after the request, if any
 * @param afterRequest    the verdict after the request, flash compared
 * @param afterPowerCycle the verdict after a power cycle: whether it sticks
 * @param flashMap        the flash map at the end, by the bootloader's layout
 * @param forensics       flash dump, region diff and ROM recovery when the board ended BRICKED or CORRUPTED
 */
public record RequestedRollbackResult(String bootloader, String oldVersion, String newApp, String newVersion,
                                      Verdict atNew, Optional<String> revertMessage, Verdict afterRequest,
                                      Verdict afterPowerCycle, String flashMap,
                                      Optional<ForensicsResult> forensics) {

    /** The manifest outcome the request shows; empty for a rig fault. */
    public Optional<Outcome> outcome() {
        return switch (afterRequest.kind()) {
            case BOOTED -> oldVersion.equals(afterRequest.version()) ? Optional.of(Outcome.OLD_BOOTS)
                    : newVersion.equals(afterRequest.version()) ? Optional.of(Outcome.NEW_BOOTS)
                    : Optional.of(Outcome.CORRUPTED);
            case CORRUPTED -> Optional.of(Outcome.CORRUPTED);
            case BRICKED -> Optional.of(Outcome.BRICKED);
            case RIG_FAULT -> Optional.empty();
        };
    }

    /** True when the board ran the new app before and both verdicts after the request show {@code promised}. */
    public boolean matches(Outcome promised) {
        return VerdictRules.satisfies(atNew, Outcome.NEW_BOOTS, oldVersion, newVersion)
                && VerdictRules.satisfies(afterRequest, promised, oldVersion, newVersion)
                && VerdictRules.satisfies(afterPowerCycle, promised, oldVersion, newVersion);
    }

    public boolean rigFault() {
        return atNew.kind() == Verdict.Kind.RIG_FAULT || afterRequest.kind() == Verdict.Kind.RIG_FAULT
                || afterPowerCycle.kind() == Verdict.Kind.RIG_FAULT;
    }
}
