package dev.brickproof.scenarios;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import java.util.Arrays;
import java.util.Locale;

/**
 * What makes a bootloader restore its backup, the start of the operations a restore sweep cuts into
 * ({@code brickproof sweep --path restore}): a new app that crashes at its trial boot (the bootloader reverts it
 * at the next reset), or a healthy new app that asks for the old image back (its {@code rollback} command).
 */
public enum RestoreTrigger {
    /** The new app takes a HardFault right after its banner; the trial-boot bootloader reverts it by itself. */
    CRASH("crash", RollbackKind.CRASH),
    /** The healthy new app runs, then is sent {@code rollback}: it records the request and resets. */
    REQUESTED("requested", RollbackKind.CONFIRMED);

    private final String key;
    private final RollbackKind newApp;

    RestoreTrigger(String key, RollbackKind newApp) {
        this.key = key;
        this.newApp = newApp;
    }

    /** The command-line name: crash, requested. */
    public String key() {
        return key;
    }

    public static RestoreTrigger fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.key.equals(k)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown restore trigger '" + key + "': use crash or requested"));
    }

    /**
     * The trigger of {@code boot}'s restore, from its manifest: a crashing new app when the manifest says a crash
     * at trial boot is not the end of the board (a trial-boot design, or its weak twin that keeps the crashing app),
     * else a requested rollback (a design without a trial boot restores only on request).
     */
    public static RestoreTrigger of(FirmwareImage boot) {
        return boot.outcomeAfterRollback(RollbackKind.CRASH).filter(o -> o != Outcome.BRICKED).isPresent()
                ? CRASH : REQUESTED;
    }

    /** The new app this trigger installs before the restore: the board's app variant that fails or asks that way. */
    public FirmwareImage newApp(FirmwareProfile fw, String boardId) {
        return TrialBootScenario.newAppFor(fw, boardId, newApp);
    }

    /**
     * What {@code boot}'s manifest promises for a power cut during its restore ({@code rollback:
     * interrupted-restore:}); a configuration error naming the manifest, the key and the fix when it says nothing.
     */
    public static Outcome promised(FirmwareImage boot) {
        return boot.outcomeAfterRollback(RollbackKind.INTERRUPTED_RESTORE).orElseThrow(() ->
                new RigConfigurationException(String.valueOf(boot.manifest()), "rollback.interrupted-restore",
                        "the " + boot.variant() + " bootloader's manifest promises nothing for a power cut during"
                                + " its restore of the backup", "add 'interrupted-restore: OLD_BOOTS' (or what the"
                                + " design really does) under rollback:, in desc/ and bin/ alike"));
    }

    /**
     * Whether a restore cut's verdict keeps {@code promised}. After a requested rollback a cut may also land before
     * the request reached flash: the new app then runs on, intact (flash compared), and may ask again; that is no
     * defect. A crashing new app left running is never accepted unless promised. A rig fault is never a verdict
     * about the board (it is reported as such, not as a finding).
     */
    public boolean keeps(Verdict verdict, Outcome promised, String oldVersion, String newVersion) {
        if (verdict.kind() == Verdict.Kind.RIG_FAULT) {
            return true;
        }
        return VerdictRules.satisfies(verdict, promised, oldVersion, newVersion)
                || this == REQUESTED && VerdictRules.satisfies(verdict, Outcome.NEW_BOOTS, oldVersion, newVersion);
    }
}
