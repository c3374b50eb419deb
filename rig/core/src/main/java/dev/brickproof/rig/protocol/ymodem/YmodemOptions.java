package dev.brickproof.rig.protocol.ymodem;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and retry settings for {@link YmodemSender} and {@link YmodemReceiver}. The defaults suit real
 * devices (an ST IAP erases its whole user area after the header: 5-10 s on an F103ZE).
 *
 * @param startTimeout        sender: wait for the receiver's first 'C'
 * @param headerAckTimeout    sender: wait for ACK and 'C' after block 0 while the device erases (default 30 s)
 * @param blockAckTimeout     sender: wait for each data block's ACK before resending; receiver: wait for
 *                            each data block before NAKing
 * @param maxRetries          sender: resends of one block (or EOT) before giving up
 * @param smallBlockThreshold sender: the last bytes go in a 128-byte SOH block when at most this many remain
 * @param endOfBatchWait      sender: wait for 'C' after the last EOT before sending the empty block 0
 * @param requestInterval     receiver: interval between 'C's while waiting for block 0
 * @param eotStyle            receiver: NAK the first EOT (spec) or ACK it at once (ST IAP)
 * @param maxErrors           receiver: consecutive errors (timeouts, bad blocks) before CAN CAN
 * @param turnaround          sender: pause between the receiver's answer and our next packet; default none.
 *                            Devices (UART receivers, the emulated boards) need none, and every block pays it,
 *                            so it is off by default. lrzsz {@code rb} on a pty flushes its input right after
 *                            sending ACK/'C' (purgeline), so a packet that arrives within microseconds is lost
 *                            there: give {@code rb} {@link #RB_TURNAROUND}.
 */
public record YmodemOptions(Duration startTimeout, Duration headerAckTimeout, Duration blockAckTimeout,
                            int maxRetries, int smallBlockThreshold, Duration endOfBatchWait,
                            Duration requestInterval, EotStyle eotStyle, int maxErrors,
                            Duration turnaround) {

    /** A turnaround that keeps lrzsz {@code rb} on a pty from flushing our next packet with its input. */
    public static final Duration RB_TURNAROUND = Duration.ofMillis(1);

    /** How a receiver answers EOT. */
    public enum EotStyle { NAK_THEN_ACK, IMMEDIATE_ACK }

    public YmodemOptions {
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(headerAckTimeout, "headerAckTimeout");
        Objects.requireNonNull(blockAckTimeout, "blockAckTimeout");
        Objects.requireNonNull(endOfBatchWait, "endOfBatchWait");
        Objects.requireNonNull(requestInterval, "requestInterval");
        Objects.requireNonNull(eotStyle, "eotStyle");
        Objects.requireNonNull(turnaround, "turnaround");
        if (maxRetries < 0 || maxErrors < 1) {
            throw new IllegalArgumentException("maxRetries >= 0 and maxErrors >= 1 required");
        }
        if (smallBlockThreshold < 0 || smallBlockThreshold > 1024) {
            throw new IllegalArgumentException("smallBlockThreshold must be within 0..1024");
        }
    }

    public static YmodemOptions defaults() {
        return new YmodemOptions(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(10), 10, 128,
                Duration.ofSeconds(3), Duration.ofSeconds(2), EotStyle.NAK_THEN_ACK, 10, Duration.ZERO);
    }

    public YmodemOptions withStartTimeout(Duration d) {
        return new YmodemOptions(d, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withHeaderAckTimeout(Duration d) {
        return new YmodemOptions(startTimeout, d, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withBlockAckTimeout(Duration d) {
        return new YmodemOptions(startTimeout, headerAckTimeout, d, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withMaxRetries(int n) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, n, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withSmallBlockThreshold(int n) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, n,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withEndOfBatchWait(Duration d) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                d, requestInterval, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withRequestInterval(Duration d) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, d, eotStyle, maxErrors, turnaround);
    }

    public YmodemOptions withEotStyle(EotStyle style) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, style, maxErrors, turnaround);
    }

    public YmodemOptions withMaxErrors(int n) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, n, turnaround);
    }

    public YmodemOptions withTurnaround(Duration d) {
        return new YmodemOptions(startTimeout, headerAckTimeout, blockAckTimeout, maxRetries, smallBlockThreshold,
                endOfBatchWait, requestInterval, eotStyle, maxErrors, d);
    }
}
