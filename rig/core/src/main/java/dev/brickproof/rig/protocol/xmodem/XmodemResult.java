package dev.brickproof.rig.protocol.xmodem;

import java.time.Duration;

/**
 * What an XMODEM transfer did; exists only when the receiver ACKed every block and the EOT.
 *
 * @param bytes   payload bytes acknowledged
 * @param blocks  blocks acknowledged
 * @param resends packets sent more than once
 * @param check   the check the receiver asked for
 * @param elapsed from the first request awaited to the EOT's ACK
 */
public record XmodemResult(long bytes, long blocks, int resends, XmodemCodec.Check check, Duration elapsed) {
}
