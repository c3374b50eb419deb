package dev.brickproof.cli;

import dev.brickproof.scenarios.RestoreTrigger;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --path update|restore} and {@code --trigger crash|requested}: what a sweep or a replay cuts into. */
final class SweptPathOptions {
    @Option(names = "--path", defaultValue = "update", description = "what to cut into: update (the board's update"
            + " from v1 to v2, default) or restore (the bootloader's restore of its backup after a rollback trigger,"
            + " judged against the manifest's rollback: interrupted-restore)")
    String path;

    @Option(names = "--trigger", description = "with --path restore, what starts the restore: crash (a new app"
            + " crashing at its trial boot) or requested (a healthy new app sent 'rollback'); default: what the"
            + " bootloader's manifest implies (crash for a trial-boot loader)")
    String trigger;

    /**
     * Empty for the update; for the restore the trigger, or an empty trigger inside (null) when the manifest is to
     * decide. Throws IllegalArgumentException (a usage error) for an unknown path or trigger, or a trigger without
     * {@code --path restore}.
     */
    Optional<Optional<RestoreTrigger>> restore() {
        String p = path.trim().toLowerCase(Locale.ROOT);
        if (p.equals("update")) {
            if (trigger != null) {
                throw new IllegalArgumentException("--trigger needs --path restore");
            }
            return Optional.empty();
        }
        if (!p.equals("restore")) {
            throw new IllegalArgumentException("--path: unknown path '" + path + "': use update or restore");
        }
        return Optional.of(trigger == null ? Optional.empty() : Optional.of(RestoreTrigger.fromKey(trigger)));
    }
}
