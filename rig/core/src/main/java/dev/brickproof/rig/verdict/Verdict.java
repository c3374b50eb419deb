package dev.brickproof.rig.verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * What a board did after an update or a fault, decided from the console and the flash read back.
 *
 * @param kind    the class of outcome
 * @param version the version in the banner, for BOOTED and CORRUPTED ("major.minor"), else null
 * @param detail  evidence in one sentence (what was seen, what was compared)
 */
public record Verdict(Kind kind, String version, String detail) {

    public enum Kind {
        /** A banner appeared and the application region matches that version's image. */
        BOOTED,
        /** Something booted (a banner appeared) that is not exactly a known image. */
        CORRUPTED,
        /**
         * No application banner before the deadline, or the core locked up or faulted, whatever the cause
         * (erased vectors, a half-written image started, a stuck bootloader): the detail names it.
         */
        BRICKED,
        /** The rig failed (port vanished, GPIO error, rig timeout): says nothing about the product. */
        RIG_FAULT
    }

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public static Verdict booted(String version, String detail) {
        return new Verdict(Kind.BOOTED, version, detail);
    }

    public static Verdict corrupted(String version, String detail) {
        return new Verdict(Kind.CORRUPTED, version, detail);
    }

    public static Verdict bricked(String detail) {
        return new Verdict(Kind.BRICKED, null, detail);
    }

    public static Verdict rigFault(String detail) {
        return new Verdict(Kind.RIG_FAULT, null, detail);
    }

    public Optional<String> bootedVersion() {
        return kind == Kind.BOOTED ? Optional.of(version) : Optional.empty();
    }

    public boolean isProductDefectCandidate() {
        return kind == Kind.BRICKED || kind == Kind.CORRUPTED;
    }

    @Override
    public String toString() {
        return kind + (version == null ? "" : "(v" + version + ")") + ": " + detail;
    }
}
