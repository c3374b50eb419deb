package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.util.Optional;

/**
 * What a power cut in one update phase led to.
 *
 * @param phase      the phase cut in
 * @param expected   the bootloader manifest's promise for that phase
 * @param cutBefore  the flash operation of the update the cut was armed before (emulated boards)
 * @param verdict    the final verdict (after the host's retry when the design resumes)
 * @param oldVersion v1
 * @param newVersion v2
 * @param flashMap   the flash map after the verdict
 */
public record PowerCutResult(UpdatePhase phase, Outcome expected, Optional<Integer> cutBefore, Verdict verdict,
                             String oldVersion, String newVersion, String flashMap) {

    public boolean promiseKept() {
        return VerdictRules.satisfies(verdict, expected, oldVersion, newVersion);
    }

    /** "OLD_BOOTS (v1.0)", "RESUMES (then v2.0)" ... */
    public String expectation() {
        return switch (expected) {
            case OLD_BOOTS -> "OLD_BOOTS (v" + oldVersion + ")";
            case NEW_BOOTS -> "NEW_BOOTS (v" + newVersion + ")";
            case RESUMES -> "RESUMES (then v" + newVersion + ")";
            default -> expected.name();
        };
    }
}
