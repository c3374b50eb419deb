package dev.brickproof.suites;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.DurationText;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.RigDescription;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The rig a suite runs against: {@code -Drig=<file>} (the build passes fixtures/rigs/emulated.yaml by default).
 * One rig per suite run, opened lazily by the first scenario that needs it and closed after the suite, so
 * every board is left in its declared safe state.
 */
public final class RigSession {
    private static final Object LOCK = new Object();
    private static RigDescription description;
    private static Rig rig;

    private RigSession() { }

    public static Path root() {
        return Path.of(System.getProperty("brickproof.root", "."));
    }

    /** {@code -Drig=}: absolute, or relative to the repository root (the tests run in suites/). */
    public static Path rigFile() {
        String rig = System.getProperty("rig");
        if (rig == null || rig.isBlank()) {
            return root().resolve("fixtures/rigs/emulated.yaml");
        }
        Path path = Path.of(rig);
        return path.isAbsolute() || java.nio.file.Files.exists(path) ? path : root().resolve(path).normalize();
    }

    /** The selected rig file, loaded and validated (fails fast with a RigConfigurationException). */
    public static RigDescription description() {
        synchronized (LOCK) {
            if (description == null) {
                description = new RigFileLoader(root().resolve("reports/runs")).load(rigFile());
            }
            return description;
        }
    }

    public static Rig rig() {
        synchronized (LOCK) {
            if (rig == null) {
                // takes a lease on every board another run could share (fails naming the holder, exit 2)
                rig = Rig.open(description(), RigOptions.defaults().withLockstep(lockstep())
                        .withLeaseWait(leaseWait()).withCommand("suites " + rigFile()));
            }
            return rig;
        }
    }

    /**
     * {@code -Dbrickproof.lockstep=true}: emulated boards run in virtual time on the test thread (no pty, no
     * runner thread) — the same scenarios, deterministic and faster than real time.
     */
    public static boolean lockstep() {
        return Boolean.parseBoolean(System.getProperty("brickproof.lockstep", "false"));
    }

    /**
     * {@code -Dbrickproof.leaseWait=10m}: queue that long for boards leased by another run (another suite run, a
     * CLI command); default 0s, fail at once naming the holder.
     */
    public static Duration leaseWait() {
        String text = System.getProperty("brickproof.leaseWait", "0s");
        return DurationText.parse(text).orElseThrow(() -> new RigConfigurationException("-Dbrickproof.leaseWait",
                "brickproof.leaseWait", "'" + text + "' is not a duration", "write a number and a unit: 90s, 10m"));
    }

    public static boolean isOpen() {
        synchronized (LOCK) {
            return rig != null;
        }
    }

    public static void close() {
        synchronized (LOCK) {
            if (rig != null) {
                try {
                    rig.close();
                } finally {
                    rig = null;
                }
            }
        }
    }
}
