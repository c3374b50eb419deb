package dev.brickproof.rig.protocol.iap;

import java.time.Duration;
import java.util.Objects;

/**
 * How a raw image is streamed to a bootloader that has no flow control: in chunks, with a gap after each.
 * Chunks are scheduled start-to-start: the next chunk starts {@code wire time of this chunk + gap} after
 * this one started, whether or not the link's write blocked while the bytes left, so the device sees a gap
 * of about {@code gap} on the wire.
 *
 * @param chunkSize bytes per chunk (e.g. the device's page size)
 * @param gap       idle line time after each chunk (0 = back to back)
 * @param wireBaud  line rate used to estimate wire time (0 = do not account for it)
 * @param bitsPerByte start + data + parity + stop bits (10 for 8N1)
 */
public record Pacing(int chunkSize, Duration gap, int wireBaud, int bitsPerByte) {
    public Pacing {
        Objects.requireNonNull(gap, "gap");
        if (chunkSize < 1 || wireBaud < 0 || bitsPerByte < 1) {
            throw new IllegalArgumentException("chunkSize >= 1, wireBaud >= 0, bitsPerByte >= 1 required");
        }
    }

    /** No pacing: everything in 4 KiB writes back to back. */
    public static Pacing none() {
        return new Pacing(4096, Duration.ZERO, 0, 10);
    }

    /** {@code chunkSize} bytes, then {@code gap} of silence, at 115200 8N1. */
    public static Pacing of(int chunkSize, Duration gap) {
        return new Pacing(chunkSize, gap, 115_200, 10);
    }

    public Pacing atBaud(int baud, int bitsPerByte) {
        return new Pacing(chunkSize, gap, baud, bitsPerByte);
    }

    /** Time {@code bytes} take on the wire, zero when the rate is unknown. */
    public Duration wireTime(int bytes) {
        return wireBaud == 0 ? Duration.ZERO : Duration.ofNanos(bytes * (long) bitsPerByte * 1_000_000_000L / wireBaud);
    }
}
