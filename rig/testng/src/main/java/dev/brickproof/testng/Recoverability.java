package dev.brickproof.testng;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.scenarios.ForensicsResult;
import java.util.Optional;

/**
 * A board that did not come back through the ROM bootloader fails its test even when its verdict was the
 * promised one (a negative control's BRICKED): as a rig fault (broken) or a product defect (failed), as
 * {@link dev.brickproof.scenarios.Forensics} decided. A missing flash dump is a rig fault too: every bad verdict
 * must carry one.
 */
public final class Recoverability {
    private Recoverability() { }

    public static void require(Optional<ForensicsResult> forensics) {
        forensics.ifPresent(Recoverability::require);
    }

    public static void require(ForensicsResult forensics) {
        if (forensics.recoverable()) {
            forensics.dumpProblem().ifPresent(problem -> {
                throw new RigException("RIG FAULT: the board was recovered, but there is no flash dump of it: "
                        + problem);
            });
            return;
        }
        String line = forensics.recovery().line();
        if (forensics.recovery().fault().orElse(ExitStatus.RIG_FAULT) == ExitStatus.RIG_FAULT) {
            throw new RigException("RIG FAULT: " + line);
        }
        throw new AssertionError("PRODUCT DEFECT: after " + forensics.verdict().kind() + ", " + line);
    }
}
