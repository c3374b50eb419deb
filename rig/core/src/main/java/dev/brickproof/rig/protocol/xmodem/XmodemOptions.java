package dev.brickproof.rig.protocol.xmodem;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link XmodemSender}.
 *
 * @param blockSize       1024 (XMODEM-1K, STX) or 128 (SOH); the last bytes go in a 128-byte block when at most
 *                        128 remain
 * @param startTimeout    wait for the receiver's first 'C' or NAK (a bootloader repeats it every second or so)
 * @param blockAckTimeout wait for each block's ACK before resending
 * @param maxRetries      resends of one block (or EOT) before giving up
 * @param turnaround      pause before each packet; lrzsz on a pty purges its input right after answering
 */
public record XmodemOptions(int blockSize, Duration startTimeout, Duration blockAckTimeout, int maxRetries,
                            Duration turnaround) {

    public XmodemOptions {
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(blockAckTimeout, "blockAckTimeout");
        Objects.requireNonNull(turnaround, "turnaround");
        if (blockSize != 128 && blockSize != 1024) {
            throw new IllegalArgumentException("blockSize must be 128 or 1024, not " + blockSize);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries >= 0 required");
        }
    }

    public static XmodemOptions defaults() {
        return new XmodemOptions(1024, Duration.ofSeconds(60), Duration.ofSeconds(10), 10, Duration.ZERO);
    }

    public XmodemOptions withBlockSize(int n) {
        return new XmodemOptions(n, startTimeout, blockAckTimeout, maxRetries, turnaround);
    }

    public XmodemOptions withStartTimeout(Duration d) {
        return new XmodemOptions(blockSize, d, blockAckTimeout, maxRetries, turnaround);
    }

    public XmodemOptions withBlockAckTimeout(Duration d) {
        return new XmodemOptions(blockSize, startTimeout, d, maxRetries, turnaround);
    }

    public XmodemOptions withMaxRetries(int n) {
        return new XmodemOptions(blockSize, startTimeout, blockAckTimeout, n, turnaround);
    }

    public XmodemOptions withTurnaround(Duration d) {
        return new XmodemOptions(blockSize, startTimeout, blockAckTimeout, maxRetries, d);
    }
}
