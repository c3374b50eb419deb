package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.resource.UpdatePhase;
import java.util.Optional;

/**
 * One flash operation of a clean update as the dry run saw it.
 *
 * @param position    its number within the update (0 = first), the K of {@code before:K}
 * @param operation   what the flash controller did (kind, address, length, outcome)
 * @param phase       the update phase it belongs to, empty when it is none of the manifest's phases
 * @param description in words, e.g. "programming app page 3 of 8"
 * @param offset      when it started, from the update command (virtual time of the dry run): where a relay on
 *                    a real rig would have to cut to hit it
 */
public record TracedOp(int position, FlashOperation operation, Optional<UpdatePhase> phase, String description,
                       java.time.Duration offset) {

    public String phaseKey() {
        return phase.map(UpdatePhase::key).orElse("-");
    }
}
