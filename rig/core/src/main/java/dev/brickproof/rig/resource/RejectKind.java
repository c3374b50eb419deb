package dev.brickproof.rig.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of bad update image a bootloader must refuse (a manifest's {@code rejects:} keys). The images are
 * generated from the real ones by the scenario library, never committed.
 */
public enum RejectKind {
    /** One byte flipped in the first 64 bytes (the vector table: initial SP, reset vector). */
    HEADER_FLIP("header-flip"),
    /** One byte flipped in the middle of the image. */
    BODY_FLIP("body-flip"),
    /** One byte flipped in the image's last 128-byte block. */
    LAST_BLOCK_FLIP("last-block-flip"),
    /** The first half of the image only. */
    TRUNCATED("truncated"),
    /** The image padded with non-erased filler past the end of the app region. */
    OVERSIZE("oversize"),
    /** An application built for the other chip (its real image, other vector table and addresses). */
    OTHER_CHIP("other-chip"),
    /** The board runs the update's version; the update is the older app (v2 provisioned, v1 sent). */
    DOWNGRADE("downgrade");

    private final String key;

    RejectKind(String key) {
        this.key = key;
    }

    /** The manifest key, e.g. {@code header-flip}. */
    public String key() {
        return key;
    }

    public static Optional<RejectKind> fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.key.equals(k)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(RejectKind::key).toList();
    }
}
