package dev.brickproof.rig;

import java.nio.file.Path;

/**
 * How to open a rig.
 *
 * @param lockstep        run emulated boards in virtual time on the caller's thread (sweeps), instead of in
 *                        real time behind a pty
 * @param portDirectory   where emulated boards' serial links are created
 * @param shutdownHook    register a JVM shutdown hook that returns every board to its safe state (Ctrl-C)
 */
public record RigOptions(boolean lockstep, Path portDirectory, boolean shutdownHook) {

    public static RigOptions defaults() {
        return new RigOptions(false, defaultPortDirectory(), true);
    }

    /** Default directory for emulated boards' ports: /tmp/brickproof-$USER/serial/by-id. */
    public static Path defaultPortDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "brickproof-" + System.getProperty("user.name", "user"),
                "serial", "by-id");
    }

    public RigOptions withLockstep(boolean on) {
        return new RigOptions(on, portDirectory, shutdownHook);
    }

    public RigOptions withPortDirectory(Path dir) {
        return new RigOptions(lockstep, dir, shutdownHook);
    }

    public RigOptions withShutdownHook(boolean on) {
        return new RigOptions(lockstep, portDirectory, on);
    }
}
