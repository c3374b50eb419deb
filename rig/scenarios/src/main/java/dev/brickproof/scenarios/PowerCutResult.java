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
 * @param forensics  dump, diff and recovery when the verdict was not the expected image booting
 */
public record PowerCutResult(UpdatePhase phase, Outcome expected, Optional<Integer> cutBefore, Verdict verdict,
                             String oldVersion, String newVersion, String flashMap,
                             Optional<ForensicsResult> forensics) {

    public PowerCutResult(UpdatePhase phase, Outcome expected, Optional<Integer> cutBefore, Verdict verdict,
                          String oldVersion, String newVersion, String flashMap) {
        this(phase, expected, cutBefore, verdict, oldVersion, newVersion, flashMap, Optional.empty());
    }

    /** The version this promise expects to boot; empty when no version is expected (BRICKED, CORRUPTED). */
    public Optional<String> expectedVersion() {
        return switch (expected) {
            case OLD_BOOTS -> Optional.of(oldVersion);
            case NEW_BOOTS, RESUMES -> Optional.of(newVersion);
            default -> Optional.empty();
        };
    }

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
