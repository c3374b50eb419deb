package dev.brickproof.rig.protocol.ymodem;

import java.time.Duration;

/**
 * What a YMODEM transfer did.
 *
 * @param bytes         payload bytes acknowledged
 * @param blocks        data blocks acknowledged
 * @param resends       blocks (or EOTs) sent more than once
 * @param elapsed       from the first 'C' awaited to the end of the batch
 *
 * <p>A result exists only for a transfer the receiver took whole: every EOT and the end-of-batch block ACKed.
 */
public record YmodemResult(long bytes, long blocks, int resends, Duration elapsed) {
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytes / s;
    }
}
