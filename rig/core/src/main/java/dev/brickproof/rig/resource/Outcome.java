package dev.brickproof.rig.resource;

/** What a bootloader design promises after a power cut in a given phase (from its manifest). */
public enum Outcome {
    /** The old application still boots. */
    OLD_BOOTS,
    /** The new application boots. */
    NEW_BOOTS,
    /** The update resumes on the next boot and the new application then boots. */
    RESUMES,
    /** Something boots but the application image is not the one written. */
    CORRUPTED,
    /** Nothing boots. */
    BRICKED,
    /** The design has no such phase. */
    NOT_APPLICABLE
}
