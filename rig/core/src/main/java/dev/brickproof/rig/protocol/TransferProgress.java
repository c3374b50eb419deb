package dev.brickproof.rig.protocol;

import java.time.Duration;

/**
 * A snapshot of a transfer, reported to a {@link ProgressListener}.
 *
 * @param phase       what the client is doing, e.g. "erase", "write", "verify", "block"
 * @param bytesDone   payload bytes acknowledged by the device
 * @param bytesTotal  payload bytes to send (0 if unknown)
 * @param blocksDone  blocks/frames/pieces acknowledged
 * @param elapsed     time since the transfer started (on the link's clock)
 */
public record TransferProgress(String phase, long bytesDone, long bytesTotal, long blocksDone, Duration elapsed) {

    /** Bytes per second so far, 0 before any time has passed. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesDone / seconds;
    }

    public double fraction() {
        return bytesTotal <= 0 ? 0 : (double) bytesDone / bytesTotal;
    }
}
