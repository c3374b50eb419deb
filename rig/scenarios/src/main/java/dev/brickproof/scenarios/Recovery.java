package dev.brickproof.scenarios;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.verdict.Verdict;
import java.util.Optional;

/**
 * Whether a board came back through the STM32 ROM bootloader: the bootloader and v1 rewritten through it (every
 * write read back), power cycled, and v1's banner seen with v1's bytes in flash.
 *
 * @param recovered true when v1 booted from intact flash afterwards
 * @param verdict   the verdict after the recovery (empty when the recovery stopped before a verdict)
 * @param fault     when not recovered, whose fault that is: {@link ExitStatus#PRODUCT_DEFECT} or
 *                  {@link ExitStatus#RIG_FAULT} (see {@link Forensics} for the rule)
 * @param detail    what happened, in one sentence
 */
public record Recovery(boolean recovered, Optional<Verdict> verdict, Optional<ExitStatus> fault, String detail) {

    static Recovery recovered(Verdict verdict) {
        return new Recovery(true, Optional.of(verdict), Optional.empty(), "v" + verdict.version()
                + " boots again after reprogramming through the ROM bootloader: " + verdict.detail());
    }

    static Recovery failed(Optional<Verdict> verdict, ExitStatus fault, String detail) {
        return new Recovery(false, verdict, Optional.of(fault), detail);
    }

    /** "recoverable through the ROM bootloader: yes" (or no, with whose fault and why). */
    public String line() {
        return "recoverable through the ROM bootloader: " + (recovered ? "yes"
                : "no (" + fault.map(f -> f == ExitStatus.RIG_FAULT ? "RIG FAULT" : "PRODUCT DEFECT").orElse("?")
                        + ": " + detail + ")");
    }
}
