package dev.brickproof.rig.resource;

import dev.brickproof.api.Chip;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A firmware image and what its manifest says about it. The loader has checked the file's SHA-256.
 *
 * @param manifest        the manifest YAML this came from
 * @param file            the raw .bin
 * @param role            "bootloader" or "app" (manifest's {@code role})
 * @param version         "major.minor"
 * @param banner          what the image prints when it starts
 * @param expectedOutcome for bootloaders: what a cut in each phase must lead to (empty for apps)
 * @param layout          for bootloaders: the design's partitions (empty for apps)
 * @param rejects         for bootloaders: what an update with each kind of bad image leads to (manifest's
 *                        {@code rejects:}; empty when the manifest promises nothing about bad images)
 * @param rollback        for bootloaders: what a new app failing its first boot, or a requested rollback, leads to
 *                        (manifest's {@code rollback:}; empty when the manifest promises nothing about it)
 */
public record FirmwareImage(Path manifest, Path file, Chip chip, String design, String role, String variant,
                            String version, int loadAddress, int size, String sha256, Pattern banner,
                            Map<UpdatePhase, Outcome> expectedOutcome, FlashLayout layout,
                            Map<RejectKind, Outcome> rejects, Map<RollbackKind, Outcome> rollback) {

    public FirmwareImage {
        Objects.requireNonNull(file, "file");
        expectedOutcome = Map.copyOf(expectedOutcome);
        rejects = Map.copyOf(rejects);
        rollback = Map.copyOf(rollback);
    }

    /** An image whose manifest says nothing about rollback. */
    public FirmwareImage(Path manifest, Path file, Chip chip, String design, String role, String variant,
                         String version, int loadAddress, int size, String sha256, Pattern banner,
                         Map<UpdatePhase, Outcome> expectedOutcome, FlashLayout layout,
                         Map<RejectKind, Outcome> rejects) {
        this(manifest, file, chip, design, role, variant, version, loadAddress, size, sha256, banner,
                expectedOutcome, layout, rejects, Map.of());
    }

    /** An image whose manifest says nothing about bad images. */
    public FirmwareImage(Path manifest, Path file, Chip chip, String design, String role, String variant,
                         String version, int loadAddress, int size, String sha256, Pattern banner,
                         Map<UpdatePhase, Outcome> expectedOutcome, FlashLayout layout) {
        this(manifest, file, chip, design, role, variant, version, loadAddress, size, sha256, banner,
                expectedOutcome, layout, Map.of(), Map.of());
    }

    /** What the manifest promises after an update with a bad image of this kind, if it says. */
    public Optional<Outcome> outcomeAfterReject(RejectKind kind) {
        return Optional.ofNullable(rejects.get(kind));
    }

    /** What the manifest promises when a new app fails its trial boot this way (or a rollback is requested). */
    public Optional<Outcome> outcomeAfterRollback(RollbackKind kind) {
        return Optional.ofNullable(rollback.get(kind));
    }

    public boolean isBootloader() {
        return "bootloader".equalsIgnoreCase(role);
    }

    public Optional<Outcome> outcomeAfterCutIn(UpdatePhase phase) {
        return Optional.ofNullable(expectedOutcome.get(phase));
    }

    /** Short label for reports, e.g. "D1 app v2.0 (STM32F103C8, good)". */
    public String label() {
        return design + " " + role + " v" + version + " (" + chip + ", " + variant + ")";
    }
}
