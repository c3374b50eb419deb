package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.util.Optional;

/**
 * What a new app failing its first boot (or a healthy one, the positive control) led to.
 *
 * @param kind           how the new app behaves on its first boot
 * @param bootloader     the bootloader variant under test
 * @param oldVersion     the version that ran before the update
 * @param newApp         the new app's label (version and variant)
 * @param newVersion     the new app's version
 * @param newAppStarted  whether the new app's banner came after the update (it was started at all)
 * @param revertMessage  the bootloader's revert line, if one came during the trial window
 * @param afterTrial     the verdict after the trial window with no host action but a version query, flash compared
 * @param afterPowerCycle the verdict after a power cycle: whether what the board came back to sticks
 * @param flashMap       the flash map at the end, by the bootloader's layout
 * @param forensics       flash dump, region diff and ROM recovery when the board ended BRICKED or CORRUPTED
 */
public record TrialBootResult(RollbackKind kind, String bootloader, String oldVersion, String newApp,
                              String newVersion, boolean newAppStarted, Optional<String> revertMessage,
                              Verdict afterTrial, Verdict afterPowerCycle, String flashMap,
                              Optional<ForensicsResult> forensics) {

    /** The manifest outcome the trial window shows; empty for a rig fault (no verdict about the product). */
    public Optional<Outcome> outcome() {
        return outcomeOf(afterTrial);
    }

    private Optional<Outcome> outcomeOf(Verdict v) {
        return switch (v.kind()) {
            case BOOTED -> oldVersion.equals(v.version()) ? Optional.of(Outcome.OLD_BOOTS)
                    : newVersion.equals(v.version()) ? Optional.of(Outcome.NEW_BOOTS) : Optional.of(Outcome.CORRUPTED);
            case CORRUPTED -> Optional.of(Outcome.CORRUPTED);
            case BRICKED -> Optional.of(Outcome.BRICKED);
            case RIG_FAULT -> Optional.empty();
        };
    }

    /** True when the new app really ran on trial and both verdicts (left alone, then power cycled) show {@code promised}. */
    public boolean matches(Outcome promised) {
        return newAppStarted && VerdictRules.satisfies(afterTrial, promised, oldVersion, newVersion)
                && VerdictRules.satisfies(afterPowerCycle, promised, oldVersion, newVersion);
    }

    /** Whether either verdict is a rig fault (no verdict about the product). */
    public boolean rigFault() {
        return afterTrial.kind() == Verdict.Kind.RIG_FAULT || afterPowerCycle.kind() == Verdict.Kind.RIG_FAULT;
    }
}
