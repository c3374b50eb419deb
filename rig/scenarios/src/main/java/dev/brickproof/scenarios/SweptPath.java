package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.verdict.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * Which flash operations a sweep counts and cuts into, and what the host does around them: the board's update
 * ({@link UpdatePath}), or the bootloader's restore of its backup after a rollback trigger ({@link RestorePath}).
 * {@link SweepBoard} runs every cut the same way through it: {@link #toStart}, arm the cut, {@link #begin}, wait for
 * the cut, power off, power back, {@link #beforeVerdict}, the verdict over {@link #oldApp} and {@link #newApp}.
 */
interface SweptPath {
    /** The image that ran before the swept operations. */
    FirmwareImage oldApp();

    /** The image the swept operations lead away from or to (the update's v2, the new app a restore replaces). */
    FirmwareImage newApp();

    /** From any state: the board where the swept operations are about to be started (operation 0 comes next). */
    void toStart();

    /** Starts what makes the swept operations (the update command, the rollback trigger). */
    void begin();

    /** The dry run, after {@link #begin}: waits for the end of the uninterrupted path; the verdict when it has one. */
    Optional<Verdict> finishDryRun();

    /** Power is back after a cut: what the host does before the verdict (nothing for an update). */
    void beforeVerdict();

    /** Virtual time from {@link #begin} within which an armed cut must have fired, else a rig fault. */
    Duration cutWait();

    /** Whether {@code verdict} after a cut breaks what the manifest promises for this path. */
    boolean breaksPromise(Verdict verdict);

    /** The restore this path sweeps; empty for an update. */
    Optional<RestoreTrigger> restore();

    /** For a restore: what its dry run showed, from the uninterrupted verdict; empty for an update. */
    Optional<RestoreRun> restoreRun(Optional<Verdict> uninterrupted);
}
