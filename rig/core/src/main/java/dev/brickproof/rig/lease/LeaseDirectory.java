package dev.brickproof.rig.lease;

import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RunInterruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Board leases: one lease file per board in one directory, held by an OS file lock ({@link FileChannel#tryLock})
 * so that a lease dies with its process. The file names the holder (user, host, pid, since, command). A lease
 * whose file still names a holder but whose lock is free is stale: its holder died without releasing it.
 */
public final class LeaseDirectory {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Path directory;

    public LeaseDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * {@code $XDG_RUNTIME_DIR/brickproof/leases} when the user has a runtime directory, otherwise
     * {@code <tmp>/brickproof-<user>/leases}; {@code BRICKPROOF_LEASES} overrides both.
     */
    public static Path defaultDirectory(Map<String, String> env) {
        String explicit = env.get("BRICKPROOF_LEASES");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "brickproof", "leases");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "brickproof-" + System.getProperty("user.name", "user"),
                "leases");
    }

    public Path directory() {
        return directory;
    }

    /** The lease file guarding {@code resource} (a serial port path): its path with separators flattened. */
    public Path fileFor(String resource) {
        String name = resource.replaceAll("^[/\\\\]+", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(name + ".lease");
    }

    /**
     * Takes the lease of {@code holder.resource()}, waiting up to {@code wait} (zero: fail at once) while
     * another process holds it.
     *
     * @param notices receives one line when this run starts waiting and when it takes over a stale lease
     * @throws LeaseHeldException naming the holder when the lease is still held after {@code wait}
     * @throws RunInterruptedException when the waiting thread is interrupted
     */
    public BoardLease acquire(LeaseHolder holder, Duration wait, Consumer<String> notices) {
        Path file = fileFor(holder.resource());
        long end = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            Optional<BoardLease> lease = tryAcquire(file, holder);
            if (lease.isPresent()) {
                lease.get().staleHolder().ifPresent(stale -> notices.accept("board " + holder.board()
                        + ": took over a stale lease of " + stale.describe() + " (that process ended without"
                        + " releasing it)"));
                return lease.get();
            }
            long left = end - System.nanoTime();
            Optional<LeaseHolder> current = readHolder(file);
            if (left <= 0) {
                throw new LeaseHeldException(holder.board(), current,
                        wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)");
            }
            if (!announced) {
                notices.accept("board " + holder.board() + " is leased by "
                        + current.map(LeaseHolder::describe).orElse("another process") + "; waiting up to "
                        + wait.toSeconds() + " s");
                announced = true;
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunInterruptedException("waiting for the lease of board " + holder.board());
            }
        }
    }

    private Optional<BoardLease> tryAcquire(Path file, LeaseHolder holder) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            Optional<LeaseHolder> stale = LeaseHolder.parse(read(channel));
            byte[] text = holder.toText().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
            return Optional.of(new BoardLease(holder, stale, channel, lock));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new RigException("cannot take the lease file " + file + ": " + e.getMessage()
                    + "; make the lease directory writable or choose another with --lease-dir / BRICKPROOF_LEASES", e);
        }
    }

    /** Every lease file in the directory with its state; probing takes and drops each free lock at once. */
    public List<LeaseStatus> list() {
        List<LeaseStatus> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".lease")).sorted().toList();
        } catch (IOException e) {
            throw new RigException("cannot list the lease directory " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            result.add(status(file));
        }
        return result;
    }

    private LeaseStatus status(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Optional<LeaseHolder> holder = LeaseHolder.parse(read(channel));
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                probe = null;
            }
            if (probe == null) {
                return new LeaseStatus(file, LeaseStatus.State.HELD, holder);
            }
            probe.release();
            return new LeaseStatus(file, holder.isPresent() ? LeaseStatus.State.STALE : LeaseStatus.State.FREE, holder);
        } catch (IOException e) {
            throw new RigException("cannot read the lease file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<LeaseHolder> readHolder(Path file) {
        try {
            return LeaseHolder.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 64 * 1024) {
            return "";
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // keep reading until the whole file is in
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
}
