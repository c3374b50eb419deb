package dev.brickproof.rig.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A way a new application can fail its first boot, or ask to be taken back (a manifest's {@code rollback:} keys).
 * The trial kinds name the app built to fail that way by its manifest {@code variant}; the rig file lists those
 * apps among the board's variants.
 */
public enum RollbackKind {
    /** Positive control: a healthy new app that confirms itself; a trial-boot design must keep it. */
    CONFIRMED("confirmed", "confirms"),
    /** The new app takes a HardFault right after its banner. */
    CRASH("crash", "crash-at-boot"),
    /** The new app hangs right after its banner (no console, no watchdog feed). */
    HANG("hang", "hang-at-boot"),
    /** The new app runs but never writes its confirm flag. */
    NO_CONFIRM("no-confirm", "no-confirm"),
    /** The running app asks the bootloader to go back to the backup image (console command). */
    REQUESTED("requested", ""),
    /** Power cuts while the bootloader restores the backup after a crashed trial boot (the crash app's revert). */
    INTERRUPTED_RESTORE("interrupted-restore", "crash-at-boot");

    private final String key;
    private final String appVariant;

    RollbackKind(String key, String appVariant) {
        this.key = key;
        this.appVariant = appVariant;
    }

    /** The manifest key, e.g. {@code no-confirm}. */
    public String key() {
        return key;
    }

    /** The {@code variant} of the new app that fails this way; empty for {@link #REQUESTED} (the real update). */
    public Optional<String> appVariant() {
        return appVariant.isEmpty() ? Optional.empty() : Optional.of(appVariant);
    }

    /** Whether this is a first boot of a new app left alone (crash, hang, no confirm, or the healthy control). */
    public boolean isTrialBoot() {
        return this == CONFIRMED || this == CRASH || this == HANG || this == NO_CONFIRM;
    }

    public static Optional<RollbackKind> fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.key.equals(k)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(RollbackKind::key).toList();
    }
}
