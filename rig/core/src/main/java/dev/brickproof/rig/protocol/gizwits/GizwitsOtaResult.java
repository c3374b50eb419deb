package dev.brickproof.rig.protocol.gizwits;

import java.time.Duration;

/**
 * What a Gizwits big-data transfer did.
 *
 * @param bytes     image bytes acknowledged
 * @param pieces    pieces acknowledged
 * @param pieceSize the size the MCU asked for in its 0x1B frame
 * @param resends   frames sent more than once
 * @param md5       the MD5 announced, 32 lower-case hex characters
 * @param elapsed   from 0x19 to the last ack (plus the abort watch)
 */
public record GizwitsOtaResult(long bytes, int pieces, int pieceSize, int resends, String md5, Duration elapsed) {
}
