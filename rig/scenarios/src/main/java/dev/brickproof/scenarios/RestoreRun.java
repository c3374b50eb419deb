package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;

/**
 * What a restore sweep's dry run showed: the trigger, the images involved, the manifest's promise for a cut during
 * the restore, and the verdict of the restore left uninterrupted.
 *
 * @param trigger       what started the restore
 * @param oldVersion    the backup's version (v1)
 * @param newApp        the new app the trigger installed first (label)
 * @param newVersion    its version
 * @param promised      the manifest's {@code rollback: interrupted-restore:}
 * @param uninterrupted the verdict after the trigger with no cut (flash compared)
 * @param keptPromise   whether that verdict keeps the promise (a bootloader that never restores may keep a promise
 *                      of NEW_BOOTS; one that promises OLD_BOOTS and does not restore breaks it without any cut)
 */
public record RestoreRun(RestoreTrigger trigger, String oldVersion, String newApp, String newVersion,
                         Outcome promised, Verdict uninterrupted, boolean keptPromise) {

    /** True when the uninterrupted restore brought the backup's image back (flash compared). */
    public boolean restored() {
        return uninterrupted.kind() == Verdict.Kind.BOOTED && oldVersion.equals(uninterrupted.version());
    }

    /** One line for reports. */
    public String summary() {
        return "restore after " + (trigger == RestoreTrigger.CRASH ? "a crash at trial boot of " : "a rollback"
                + " requested by ") + newApp + "; promised after a cut: " + promised + "; uninterrupted: "
                + uninterrupted.kind() + (uninterrupted.version() == null ? "" : "(v" + uninterrupted.version() + ")")
                + (keptPromise ? "" : " (breaks the promise without any cut)");
    }
}
