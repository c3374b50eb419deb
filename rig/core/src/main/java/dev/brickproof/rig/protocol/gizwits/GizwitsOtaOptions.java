package dev.brickproof.rig.protocol.gizwits;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link GizwitsOtaClient}. Defaults follow the 2017 Gizwits SDK: resend after 200 ms, 2 retries.
 *
 * @param resendInterval  wait for an ack before sending the same frame again
 * @param retries         resends after the first send
 * @param readyTimeout    wait for the MCU's 0x1B ready frame after its 0x1A ack (it erases APPBAK meanwhile)
 * @param afterLastPiece  how long to watch for a 0x27 abort (MD5 mismatch) after the last piece's ack; 0 by
 *                        default because the watch consumes what the device prints meanwhile (its reset banner)
 * @param maxFrameLength  largest frame len accepted from the MCU
 * @param lastPieceAcked  whether the MCU acknowledges the last piece (our fixture app); false for a seed-004 MCU,
 *                        which checks the MD5, writes its flag and restarts before it would: the last piece is
 *                        sent once and nothing more is read (the bootloader banner that follows is the caller's
 *                        success signal, and reading here would swallow it)
 */
public record GizwitsOtaOptions(Duration resendInterval, int retries, Duration readyTimeout, Duration afterLastPiece,
                                int maxFrameLength, boolean lastPieceAcked) {
    public GizwitsOtaOptions {
        Objects.requireNonNull(resendInterval, "resendInterval");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(afterLastPiece, "afterLastPiece");
        if (retries < 0) {
            throw new IllegalArgumentException("retries >= 0");
        }
    }

    public static GizwitsOtaOptions defaults() {
        return new GizwitsOtaOptions(Duration.ofMillis(200), 2, Duration.ofSeconds(5), Duration.ZERO,
                GizwitsCodec.DEFAULT_MAX_LENGTH, true);
    }

    public GizwitsOtaOptions withResend(Duration interval, int n) {
        return new GizwitsOtaOptions(interval, n, readyTimeout, afterLastPiece, maxFrameLength, lastPieceAcked);
    }

    public GizwitsOtaOptions withReadyTimeout(Duration d) {
        return new GizwitsOtaOptions(resendInterval, retries, d, afterLastPiece, maxFrameLength, lastPieceAcked);
    }

    public GizwitsOtaOptions withAfterLastPiece(Duration d) {
        return new GizwitsOtaOptions(resendInterval, retries, readyTimeout, d, maxFrameLength, lastPieceAcked);
    }

    public GizwitsOtaOptions withLastPieceAcked(boolean acked) {
        return new GizwitsOtaOptions(resendInterval, retries, readyTimeout, afterLastPiece, maxFrameLength, acked);
    }
}
