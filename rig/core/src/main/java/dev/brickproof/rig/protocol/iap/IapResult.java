package dev.brickproof.rig.protocol.iap;

import java.time.Duration;

/**
 * What a raw-stream IAP upload did.
 *
 * @param bytesSent       image bytes written to the link
 * @param bytesConfirmed  bytes the device said it received (-1 when it does not say)
 * @param elapsed         from the first byte sent to the confirmation
 * @param confirmation    the console text that confirmed the update ("" when none was awaited)
 */
public record IapResult(long bytesSent, long bytesConfirmed, Duration elapsed, String confirmation) {
}
