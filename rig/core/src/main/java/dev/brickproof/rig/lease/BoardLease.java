package dev.brickproof.rig.lease;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.Optional;

/**
 * A held lease on one board: an OS lock on its lease file, so that it dies with the process. {@link #close()}
 * empties the file and releases the lock.
 */
public final class BoardLease implements AutoCloseable {
    private final LeaseHolder holder;
    private final Optional<LeaseHolder> staleHolder;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    BoardLease(LeaseHolder holder, Optional<LeaseHolder> staleHolder, FileChannel channel, FileLock lock) {
        this.holder = holder;
        this.staleHolder = staleHolder;
        this.channel = channel;
        this.lock = lock;
    }

    public LeaseHolder holder() {
        return holder;
    }

    /** The previous holder when it died without releasing the lease (its lock went with its process). */
    public Optional<LeaseHolder> staleHolder() {
        return staleHolder;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // an unreleased text only makes the next holder report a stale lease; the lock still goes below
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the OS lock whatever happens; nothing is left to do
        }
    }
}
