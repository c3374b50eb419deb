package dev.brickproof.scenarios;

import java.util.Objects;

/**
 * One scenario's result as reports after the run see it (the release sign-off): what kind of scenario, on which
 * board and bootloader variant, and the scenario's own result value ({@link PowerCutResult}, {@link SweepResult},
 * {@link ForensicsResult}, ...).
 *
 * @param kind       the scenario kind, e.g. "power cut", "forensics"
 * @param board      board id
 * @param bootloader the bootloader variant, e.g. "robust"
 * @param result     the result value
 */
public record ScenarioRecord(String kind, String board, String bootloader, Object result) {
    public ScenarioRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(bootloader, "bootloader");
        Objects.requireNonNull(result, "result");
    }
}
