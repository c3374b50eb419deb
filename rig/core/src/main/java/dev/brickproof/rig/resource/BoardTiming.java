package dev.brickproof.rig.resource;

import java.time.Duration;

/**
 * The durations a board's drivers and strategy use. Written {@code 250ms}, {@code 5s}, {@code 1m} in a rig file.
 *
 * @param resetPulse  how long NRST is held for a reset pulse
 * @param resetSettle pause after releasing NRST before the console is read
 * @param powerOff    off time of a power cycle (long enough for the board's caps to drain)
 * @param powerSettle pause after switching power on
 * @param bootTimeout bound on waiting for a banner (app or bootloader) after a reset or power-on
 */
public record BoardTiming(Duration resetPulse, Duration resetSettle, Duration powerOff, Duration powerSettle,
                          Duration bootTimeout) {

    public static BoardTiming defaults() {
        return new BoardTiming(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(500),
                Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
