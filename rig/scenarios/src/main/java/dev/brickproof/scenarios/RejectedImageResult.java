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
 * @param forensics dump, diff and recovery when the promised image did not boot
 */
public record RejectedImageResult(RejectKind kind, String how, String running, String sent, Optional<String> refusal,
                                  Verdict afterUpdate, Verdict verdict, String flashMap,
                                  Optional<ForensicsResult> forensics) {

    public RejectedImageResult(RejectKind kind, String how, String running, String sent, Optional<String> refusal,
                               Verdict afterUpdate, Verdict verdict, String flashMap) {
        this(kind, how, running, sent, refusal, afterUpdate, verdict, flashMap, Optional.empty());
    }

    /**
     * The version {@code promised} expects to boot (the running one when nothing is promised: a bad image must
     * not replace it); empty when no version is expected (BRICKED, CORRUPTED).
     */
    public Optional<String> expectedVersion(Optional<Outcome> promised) {
        return switch (promised.orElse(Outcome.OLD_BOOTS)) {
            case OLD_BOOTS -> Optional.of(running);
            case NEW_BOOTS -> Optional.of(sent);
            default -> Optional.empty();
        };
    }

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
