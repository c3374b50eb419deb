package dev.brickproof.rig.verdict;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import java.util.List;
import java.util.Optional;

/** The verdict rules, pure: evidence and the images that may legitimately be on the board in, verdict out. */
public final class VerdictRules {
    private VerdictRules() { }

    /**
     * Decides a verdict.
     *
     * <ul>
     *   <li>no application banner before the deadline, or a core lock-up/fault, is BRICKED whatever the cause: for
     *       the person holding the board nothing runs. The cause goes in the detail: erased vectors, a half-written
     *       image started by the bootloader (vectors present, none of the known images), a stopped core, or a
     *       bootloader that never hands over;</li>
     *   <li>a banner whose version no known image has is CORRUPTED;</li>
     *   <li>a banner with the application region differing from that version's image is CORRUPTED;</li>
     *   <li>otherwise BOOTED(version) (flash not read back on rigs without a reader: said in the detail).</li>
     * </ul>
     */
    public static Verdict decide(BootEvidence evidence, List<FirmwareImage> knownApps) {
        if (evidence.coreFailure().isPresent() || evidence.bannerVersion().isEmpty()) {
            return Verdict.bricked(evidence.coreFailure().map(f -> "the core stopped (" + f + ")")
                    .orElse("no application banner within " + evidence.waited().toMillis() + " ms")
                    + ": " + cause(evidence.appArea()));
        }
        String version = evidence.bannerVersion().get();
        Optional<FirmwareImage> image = knownApps.stream().filter(i -> i.version().equals(version)).findFirst();
        if (image.isEmpty()) {
            return Verdict.corrupted(version, "banner '" + evidence.bannerLine() + "' names v" + version
                    + ", which is none of the images written");
        }
        if (evidence.flashSha256().isEmpty()) {
            return Verdict.booted(version, "banner '" + evidence.bannerLine() + "'; flash not read back on this rig");
        }
        String actual = evidence.flashSha256().get();
        if (!actual.equals(image.get().sha256())) {
            return Verdict.corrupted(version, "banner says v" + version + " but the " + image.get().size()
                    + " bytes at 0x" + Integer.toHexString(image.get().loadAddress()).toUpperCase()
                    + " hash to " + actual.substring(0, 16) + "..., the v" + version + " image to "
                    + image.get().sha256().substring(0, 16) + "...");
        }
        return Verdict.booted(version, "banner '" + evidence.bannerLine() + "' and flash matches the v" + version
                + " image (SHA-256 " + actual.substring(0, 16) + "...)");
    }

    private static String cause(BootEvidence.AppArea area) {
        return switch (area) {
            case VECTORS_ERASED -> "the application's vector table is erased, nothing to start";
            case PARTIAL -> "the application region holds a partial image (vectors present, none of the images"
                    + " written), which the bootloader started or refused";
            case KNOWN_IMAGE -> "the application region holds a complete known image, but the bootloader never"
                    + " handed over to it (bootloader stuck, or waiting for an update)";
            case UNKNOWN -> "flash not read back on this rig";
        };
    }

    /**
     * Whether {@code verdict} is what {@code expected} promises for a cut between {@code oldVersion} and
     * {@code newVersion}. A RIG_FAULT never satisfies an expectation.
     */
    public static boolean satisfies(Verdict verdict, Outcome expected, String oldVersion, String newVersion) {
        return switch (expected) {
            case OLD_BOOTS -> verdict.kind() == Verdict.Kind.BOOTED && oldVersion.equals(verdict.version());
            case NEW_BOOTS, RESUMES -> verdict.kind() == Verdict.Kind.BOOTED && newVersion.equals(verdict.version());
            case CORRUPTED -> verdict.kind() == Verdict.Kind.CORRUPTED;
            case BRICKED -> verdict.kind() == Verdict.Kind.BRICKED;
            case NOT_APPLICABLE -> false;
        };
    }
}
