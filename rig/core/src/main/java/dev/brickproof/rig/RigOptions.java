package dev.brickproof.rig;

import dev.brickproof.rig.lease.LeaseDirectory;
import dev.brickproof.rig.lease.LeaseHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to open a rig.
 *
 * @param lockstep        run emulated boards in virtual time on the caller's thread (sweeps), instead of in
 *                        real time behind a pty
 * @param portDirectory   where emulated boards' serial links are created
 * @param shutdownHook    register a JVM shutdown hook that returns every board to its safe state (Ctrl-C)
 * @param boards          the ids of the boards to open; empty: every board of the rig file
 * @param leaseDirectory  where board leases are taken ({@link LeaseDirectory#defaultDirectory})
 * @param leaseWait       how long to queue for a board leased by another run (zero: fail at once)
 * @param command         what this run is, written into its leases for other runs to read
 * @param notices         receives one-line notices (waiting for a lease, a stale lease taken over)
 */
public record RigOptions(boolean lockstep, Path portDirectory, boolean shutdownHook, Set<String> boards,
                         Path leaseDirectory, Duration leaseWait, String command, Consumer<String> notices) {

    public RigOptions {
        boards = Set.copyOf(boards);
    }

    public static RigOptions defaults() {
        return new RigOptions(false, defaultPortDirectory(), true, Set.of(),
                LeaseDirectory.defaultDirectory(System.getenv()), Duration.ZERO, LeaseHolder.thisCommand(),
                notice -> System.err.println("brickproof: " + notice));
    }

    /** Default directory for emulated boards' ports: /tmp/brickproof-$USER/serial/by-id. */
    public static Path defaultPortDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "brickproof-" + System.getProperty("user.name", "user"),
                "serial", "by-id");
    }

    public RigOptions withLockstep(boolean on) {
        return new RigOptions(on, portDirectory, shutdownHook, boards, leaseDirectory, leaseWait, command, notices);
    }

    public RigOptions withPortDirectory(Path dir) {
        return new RigOptions(lockstep, dir, shutdownHook, boards, leaseDirectory, leaseWait, command, notices);
    }

    public RigOptions withShutdownHook(boolean on) {
        return new RigOptions(lockstep, portDirectory, on, boards, leaseDirectory, leaseWait, command, notices);
    }

    /** Opens only these boards (and leases only them); the others of the rig file are left alone. */
    public RigOptions withBoards(List<String> ids) {
        return new RigOptions(lockstep, portDirectory, shutdownHook, Set.copyOf(ids), leaseDirectory, leaseWait,
                command, notices);
    }

    public RigOptions withLeaseDirectory(Path dir) {
        return new RigOptions(lockstep, portDirectory, shutdownHook, boards, dir, leaseWait, command, notices);
    }

    public RigOptions withLeaseWait(Duration wait) {
        return new RigOptions(lockstep, portDirectory, shutdownHook, boards, leaseDirectory, wait, command, notices);
    }

    public RigOptions withCommand(String text) {
        return new RigOptions(lockstep, portDirectory, shutdownHook, boards, leaseDirectory, leaseWait, text, notices);
    }

    public RigOptions withNotices(Consumer<String> sink) {
        return new RigOptions(lockstep, portDirectory, shutdownHook, boards, leaseDirectory, leaseWait, command, sink);
    }
}
