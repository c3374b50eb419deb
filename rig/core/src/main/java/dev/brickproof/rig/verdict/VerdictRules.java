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
     *   <li>no banner (or a core lock-up/fault) with a partial image in the application region (vectors present,
     *       none of the known images) is CORRUPTED: the bootloader started a half-written image;</li>
     *   <li>otherwise a core lock-up or fault is BRICKED, whatever the console said before it;</li>
     *   <li>no banner before the deadline is BRICKED;</li>
     *   <li>a banner whose version no known image has is CORRUPTED;</li>
     *   <li>a banner with the application region differing from that version's image is CORRUPTED;</li>
     *   <li>otherwise BOOTED(version) (flash not read back on rigs without a reader: said in the detail).</li>
     * </ul>
     */
    public static Verdict decide(BootEvidence evidence, List<FirmwareImage> knownApps) {
        boolean partial = evidence.appArea() == BootEvidence.AppArea.PARTIAL;
        if (partial && (evidence.coreFailure().isPresent() || evidence.bannerVersion().isEmpty())) {
            return Verdict.corrupted(null, "no application banner"
                    + evidence.coreFailure().map(f -> " and the core stopped (" + f + ")").orElse("")
                    + ", over a partial image: the application region has vectors but is none of the images written");
        }
        if (evidence.coreFailure().isPresent()) {
            return Verdict.bricked("the core stopped: " + evidence.coreFailure().get());
        }
        if (evidence.bannerVersion().isEmpty()) {
            return Verdict.bricked("no application banner within " + evidence.waited().toMillis() + " ms");
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
