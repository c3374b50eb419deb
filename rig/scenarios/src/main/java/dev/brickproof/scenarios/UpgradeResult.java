package dev.brickproof.scenarios;

import dev.brickproof.rig.verdict.Verdict;

/**
 * What an upgrade did.
 *
 * @param before   the version that booted before the update
 * @param verdict  the verdict after the update
 * @param expected the version the update promises
 * @param flashMap the flash map after the verdict
 * @param forensics dump, diff and recovery when v2 did not boot
 */
public record UpgradeResult(String before, Verdict verdict, String expected, String flashMap,
                            java.util.Optional<ForensicsResult> forensics) {

    public UpgradeResult(String before, Verdict verdict, String expected, String flashMap) {
        this(before, verdict, expected, flashMap, java.util.Optional.empty());
    }

    /** BOOTED with the new version, from intact flash. */
    public boolean promiseKept() {
        return verdict.kind() == Verdict.Kind.BOOTED && expected.equals(verdict.version());
    }
}
