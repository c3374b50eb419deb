package dev.brickproof.rig.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a board's console is.
 *
 * @param port            a path (prefer /dev/serial/by-id/...), or {@value #EMULATED} for an emulated board
 * @param baud            line rate
 * @param reappearTimeout how long to wait for a USB adapter powered by the board to come back after a cut
 */
public record SerialPortResource(String port, int baud, Duration reappearTimeout) {
    public static final String EMULATED = "emulated";

    public SerialPortResource {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(reappearTimeout, "reappearTimeout");
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, got " + baud);
        }
    }

    public boolean isEmulated() {
        return EMULATED.equals(port);
    }
}
