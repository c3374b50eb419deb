package dev.brickproof.rig.verdict;

import java.util.Optional;

/**
 * What was observed after a boot attempt, before any judgement.
 *
 * @param bannerVersion  "major.minor" from the application banner, empty when none appeared in time
 * @param bannerLine     the banner line itself
 * @param flashSha256    SHA-256 of the application region read back (length of the image of the banner's
 *                       version), empty when the rig cannot read flash
 * @param coreFailure    an emulator lock-up/fault/halt description, empty when the core ran normally
 * @param waited         how long the banner was awaited, for messages
 * @param appArea        what the application region holds, as far as the rig can read it
 */
public record BootEvidence(Optional<String> bannerVersion, String bannerLine, Optional<String> flashSha256,
                           Optional<String> coreFailure, java.time.Duration waited, AppArea appArea) {

    /** The application region, read back. */
    public enum AppArea {
        /** Not read (no flash reader on this rig). */
        UNKNOWN,
        /** Exactly one of the known images. */
        KNOWN_IMAGE,
        /** The vector table (first 8 bytes) is erased: nothing to start. */
        VECTORS_ERASED,
        /** Vectors present but the content is none of the known images: a partial or mixed image. */
        PARTIAL
    }

    public BootEvidence(Optional<String> bannerVersion, String bannerLine, Optional<String> flashSha256,
                        Optional<String> coreFailure, java.time.Duration waited) {
        this(bannerVersion, bannerLine, flashSha256, coreFailure, waited, AppArea.UNKNOWN);
    }
}
