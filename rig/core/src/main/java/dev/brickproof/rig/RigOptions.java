package dev.brickproof.rig;

import dev.brickproof.rig.emulated.EmulatedBoardHost;
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
        return new RigOptions(false, EmulatedBoardHost.defaultPortDirectory(), true);
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
