package dev.brickproof.rig.link.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.brickproof.rig.LinkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A Linux pseudo-terminal created from Java. The master end stays here (an emulated board's USART wire);
 * the slave end ({@link #slavePath()}, e.g. /dev/pts/7) is what jSerialComm, lrzsz or stm32flash open,
 * exactly like a USB serial adapter. Optionally a stable symlink points at the slave, like /dev/serial/by-id.
 *
 * <p>The slave is put in raw mode and held open by this object, so the master never sees EIO between two
 * clients. A pty ignores the baud rate: whoever feeds it must pace bytes itself.
 *
 * <p>Thread-safety: one reader thread and one writer thread may use it at the same time.
 */
public final class PseudoTerminal implements AutoCloseable {
    private static final PosixTerminal C = PosixTerminal.LIBC;

    private final int master;
    private final int slaveHold;
    private final Path slavePath;
    private final Path link;
    private final Memory readBuffer = new Memory(4096);
    private final Memory writeBuffer = new Memory(4096);
    private final Memory readPoll = new Memory(8);
    private final Memory writePoll = new Memory(8);
    private volatile boolean closed;

    private PseudoTerminal(int master, int slaveHold, Path slavePath, Path link) {
        this.master = master;
        this.slaveHold = slaveHold;
        this.slavePath = slavePath;
        this.link = link;
    }

    /** Opens a new pty pair. */
    public static PseudoTerminal open() {
        return open(null);
    }

    /**
     * Opens a new pty pair and, when {@code symlink} is given, points it at the slave (replacing an old link).
     */
    public static PseudoTerminal open(Path symlink) {
        int master = -1;
        try {
            master = C.posix_openpt(PosixTerminal.O_RDWR | PosixTerminal.O_NOCTTY | PosixTerminal.O_NONBLOCK);
            C.grantpt(master);
            C.unlockpt(master);
            byte[] name = new byte[256];
            int rc = C.ptsname_r(master, name, new NativeLong(name.length));
            if (rc != 0) {
                throw new LinkException("ptsname_r failed with error " + rc + "; is /dev/pts mounted?");
            }
            Path slave = Path.of(new String(name, 0, strlen(name), StandardCharsets.US_ASCII));
            int hold = C.open(slave.toString(), PosixTerminal.O_RDWR | PosixTerminal.O_NOCTTY | PosixTerminal.O_NONBLOCK);
            makeRaw(hold);
            Path link = symlink == null ? null : link(symlink, slave);
            return new PseudoTerminal(master, hold, slave, link);
        } catch (LastErrorException e) {
            if (master >= 0) {
                C.close(master);
            }
            throw new LinkException("cannot create a pseudo-terminal (errno " + e.getErrorCode()
                    + "); the emulated rig needs Linux with /dev/ptmx and /dev/pts", e);
        } catch (UnsatisfiedLinkError e) {
            throw new LinkException("cannot load libc through JNA to create a pseudo-terminal: " + e.getMessage(), e);
        }
    }

    private static int strlen(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return n;
    }

    private static void makeRaw(int fd) {
        Memory termios = new Memory(PosixTerminal.TERMIOS_SIZE);
        termios.clear();
        C.tcgetattr(fd, termios);
        C.cfmakeraw(termios);
        C.tcsetattr(fd, PosixTerminal.TCSANOW, termios);
    }

    private static Path link(Path symlink, Path slave) {
        try {
            Path parent = symlink.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(symlink);
            return Files.createSymbolicLink(symlink, slave);
        } catch (IOException e) {
            throw new LinkException("cannot create the serial-port link " + symlink + " -> " + slave
                    + ": " + e.getMessage() + "; choose a writable directory for emulated ports", e);
        }
    }

    /** The path a serial client opens, e.g. /dev/pts/7. */
    public Path slavePath() {
        return slavePath;
    }

    /** The stable symlink to the slave, if one was requested. */
    public Optional<Path> link() {
        return Optional.ofNullable(link);
    }

    /**
     * Reads what the client wrote, waiting up to {@code timeout} for the first byte.
     *
     * @return bytes read; 0 on timeout
     */
    public int read(byte[] into, int offset, int length, Duration timeout) {
        if (length == 0) {
            return 0;
        }
        synchronized (readBuffer) {
            if (!poll(readPoll, PosixTerminal.POLLIN, timeout)) {
                return 0;
            }
            try {
                int n = C.read(master, readBuffer, new NativeLong(Math.min(length, readBuffer.size()))).intValue();
                if (n > 0) {
                    readBuffer.read(0, into, offset, n);
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

    /** Writes everything toward the client, waiting up to {@code timeout} for room in the tty buffer. */
    public void write(byte[] from, int offset, int length, Duration timeout) {
        synchronized (writeBuffer) {
            long end = System.nanoTime() + timeout.toNanos();
            int done = 0;
            while (done < length) {
                Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
                if (!poll(writePoll, PosixTerminal.POLLOUT, left)) {
                    throw new LinkException("pseudo-terminal " + slavePath + ": nobody read " + (length - done)
                            + " bytes within " + timeout.toMillis() + " ms; is the serial client still reading?");
                }
                int chunk = (int) Math.min(length - done, writeBuffer.size());
                writeBuffer.write(0, from, offset + done, chunk);
                try {
                    done += Math.max(0, C.write(master, writeBuffer, new NativeLong(chunk)).intValue());
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != PosixTerminal.EAGAIN && e.getErrorCode() != PosixTerminal.EINTR) {
                        throw failure("write", e);
                    }
                }
            }
        }
    }

    private boolean poll(Memory pollfd, short events, Duration timeout) {
        if (closed) {
            throw new LinkException("pseudo-terminal " + slavePath + " is closed");
        }
        pollfd.setInt(0, master);
        pollfd.setShort(4, events);
        pollfd.setShort(6, (short) 0);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        try {
            int ready = C.poll(pollfd, new NativeLong(1), millis);
            return ready > 0 && (pollfd.getShort(6) & events) != 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == PosixTerminal.EINTR) {
                return false;
            }
            throw failure("poll", e);
        }
    }

    private LinkException failure(String call, LastErrorException e) {
        return new LinkException("pseudo-terminal " + slavePath + ": " + call + " failed (errno "
                + e.getErrorCode() + ")", e);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes both ends; clients see the port disconnect. Removes the symlink if it still points at this pty. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (readBuffer) {
            synchronized (writeBuffer) {
                C.close(slaveHold);
                C.close(master);
            }
        }
        if (link != null) {
            try {
                // only our own link: another run may have pointed the same name at its pty meanwhile
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(slavePath)) {
                    Files.deleteIfExists(link);
                }
            } catch (IOException ignored) {
                // a stale link is harmless: the next open replaces it
            }
        }
    }
}
