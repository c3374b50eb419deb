package dev.brickproof.rig.protocol.ymodem;

import java.time.Duration;

/**
 * What a YMODEM transfer did.
 *
 * @param bytes         payload bytes acknowledged
 * @param blocks        data blocks acknowledged
 * @param resends       blocks (or EOTs) sent more than once
 * @param elapsed       from the first 'C' awaited to the end of the batch
 * @param endAcknowledged whether the receiver ACKed the empty block 0 (some devices jump to the app first)
 */
public record YmodemResult(long bytes, long blocks, int resends, Duration elapsed, boolean endAcknowledged) {
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytes / s;
    }
}
