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
 */
public record BootEvidence(Optional<String> bannerVersion, String bannerLine, Optional<String> flashSha256,
                           Optional<String> coreFailure, java.time.Duration waited) { }
