package dev.brickproof.rig.link.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ByteLink} on a terminal device opened by path through libc, in raw mode: typically the slave
 * end of a {@link PseudoTerminal} whose master is served by an emulated device. A hang-up (the master
 * closed) becomes a {@link LinkException}. Line settings are recorded, not applied (ptys ignore them).
 */
public final class TtyLink implements ByteLink {
    private static final PosixTerminal C = PosixTerminal.LIBC;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final Path path;
    private final RigClock clock;
    private final int fd;
    private final Memory readBuffer = new Memory(4096);
    private final Memory writeBuffer = new Memory(4096);
    private final Memory readPoll = new Memory(8);
    private final Memory writePoll = new Memory(8);
    private volatile boolean closed;
    private volatile LineSettings settings = LineSettings.of8N1(115_200);

    private TtyLink(Path path, RigClock clock, int fd) {
        this.path = path;
        this.clock = clock;
        this.fd = fd;
    }

    public static TtyLink open(Path path) {
        return open(path, new WallClock());
    }

    public static TtyLink open(Path path, RigClock clock) {
        Objects.requireNonNull(path, "path");
        try {
            int fd = C.open(path.toString(), PosixTerminal.O_RDWR | PosixTerminal.O_NOCTTY | PosixTerminal.O_NONBLOCK);
            Memory termios = new Memory(PosixTerminal.TERMIOS_SIZE);
            termios.clear();
            C.tcgetattr(fd, termios);
            C.cfmakeraw(termios);
            C.tcsetattr(fd, PosixTerminal.TCSANOW, termios);
            return new TtyLink(path, clock, fd);
        } catch (LastErrorException e) {
            throw new LinkException("cannot open terminal " + path + " (errno " + e.getErrorCode()
                    + "); check that it exists and that you may open it", e);
        }
    }

    @Override
    public String name() {
        return "tty " + path;
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        synchronized (writeBuffer) {
            long end = System.nanoTime() + WRITE_TIMEOUT.toNanos();
            int done = 0;
            while (done < length) {
                Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
                if (!poll(writePoll, PosixTerminal.POLLOUT, left)) {
                    throw new LinkException(name() + ": the device side read nothing of " + (length - done)
                            + " bytes within " + WRITE_TIMEOUT.toMillis() + " ms");
                }
                int chunk = (int) Math.min(length - done, writeBuffer.size());
                writeBuffer.write(0, data, offset + done, chunk);
                try {
                    done += Math.max(0, C.write(fd, writeBuffer, new NativeLong(chunk)).intValue());
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != PosixTerminal.EAGAIN && e.getErrorCode() != PosixTerminal.EINTR) {
                        throw failure("write", e);
                    }
                }
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        if (length == 0) {
            return 0;
        }
        synchronized (readBuffer) {
            if (!poll(readPoll, PosixTerminal.POLLIN, timeout.isNegative() ? Duration.ZERO : timeout)) {
                return 0;
            }
            try {
                int n = C.read(fd, readBuffer, new NativeLong(Math.min(length, readBuffer.size()))).intValue();
                if (n == 0) {
                    throw new LinkException(name() + " hung up (the device side closed; link cut)");
                }
                if (n > 0) {
                    readBuffer.read(0, buffer, offset, n);
                }
                return Math.max(n, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == PosixTerminal.EAGAIN || e.getErrorCode() == PosixTerminal.EINTR) {
                    return 0;
                }
                throw failure("read", e);
            }
        }
    }

    private boolean poll(Memory pollfd, short events, Duration timeout) {
        if (closed) {
            throw new LinkException(name() + " is closed");
        }
        pollfd.setInt(0, fd);
        pollfd.setShort(4, events);
        pollfd.setShort(6, (short) 0);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        try {
            int ready = C.poll(pollfd, new NativeLong(1), millis);
            short revents = pollfd.getShort(6);
            if (ready > 0 && (revents & (PosixTerminal.POLLHUP | PosixTerminal.POLLERR)) != 0
                    && (revents & events) == 0) {
                throw new LinkException(name() + " hung up (the device side closed; link cut)");
            }
            return ready > 0 && (revents & (events | PosixTerminal.POLLHUP)) != 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == PosixTerminal.EINTR) {
                return false;
            }
            throw failure("poll", e);
        }
    }

    private LinkException failure(String call, LastErrorException e) {
        if (e.getErrorCode() == PosixTerminal.EIO) {
            return new LinkException(name() + " hung up (EIO on " + call + "; the device side closed; link cut)", e);
        }
        return new LinkException(name() + ": " + call + " failed (errno " + e.getErrorCode() + ")", e);
    }

    @Override
    public void discardInput() {
        byte[] sink = new byte[4096];
        while (read(sink, 0, sink.length, Duration.ZERO) > 0) {
            // drop
        }
    }

    @Override
    public void configure(LineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LineSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (readBuffer) {
            synchronized (writeBuffer) {
                C.close(fd);
            }
        }
    }
}
