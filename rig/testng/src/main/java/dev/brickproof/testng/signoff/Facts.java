package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.signoff.Signoff;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario result adds to the sign-off: cut points covered, findings, a recovery line, an outcome line.
 *
 * @param cutPoints       cut points judged
 * @param flashOperations flash operations of the update those cuts were placed among (0 when unknown)
 * @param findings        bad windows found, with their replay commands
 * @param recovery        "recoverable through the ROM bootloader: yes/no ..." when the board was examined
 * @param outcome         one line about the result, e.g. "transfer: OLD_BOOTS (v1.0) -> BOOTED(v1.0)"
 */
public record Facts(long cutPoints, long flashOperations, List<Signoff.FindingLine> findings,
                    Optional<Recovered> recovery, Optional<String> outcome) {

    public Facts {
        findings = List.copyOf(findings);
    }

    /** A recovery: whether the board came back, and the line saying so. */
    public record Recovered(boolean yes, String line) { }

    public static Facts outcome(String line) {
        return new Facts(0, 0, List.of(), Optional.empty(), Optional.of(line));
    }
}
