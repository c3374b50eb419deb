package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.rig.verdict.Verdict;
import java.util.Optional;

/**
 * What an update with a bad image did.
 *
 * @param kind     the kind of bad image
 * @param how      what was wrong with it, e.g. which byte was flipped
 * @param running  the version that ran before the update (v1; v2 for a downgrade)
 * @param sent     the version the bad image claims (v2; v1 for a downgrade)
 * @param refusal  the device's refusal as the driver saw it, if the driver stopped because the device refused
 * @param afterUpdate the verdict right after the update (the board left to itself for the boot timeout)
 * @param verdict  the verdict after a power cycle, flash compared with the real images
 * @param flashMap the flash map after the verdict
 */
public record RejectedImageResult(RejectKind kind, String how, String running, String sent, Optional<String> refusal,
                                  Verdict afterUpdate, Verdict verdict, String flashMap) {

    /** The manifest outcome this run shows; empty for a rig fault (no verdict about the product). */
    public Optional<Outcome> outcome() {
        return switch (verdict.kind()) {
            case BOOTED -> running.equals(verdict.version()) ? Optional.of(Outcome.OLD_BOOTS)
                    : sent.equals(verdict.version()) ? Optional.of(Outcome.NEW_BOOTS) : Optional.of(Outcome.CORRUPTED);
            case CORRUPTED -> Optional.of(Outcome.CORRUPTED);
            case BRICKED -> Optional.of(Outcome.BRICKED);
            case RIG_FAULT -> Optional.empty();
        };
    }

    /** True when the run shows {@code promised}. */
    public boolean matches(Outcome promised) {
        return outcome().filter(promised::equals).isPresent();
    }
}
