package dev.brickproof.rig.protocol;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program on plain pipes (its stdin and stdout), for peers whose exit would flush a pty: lrzsz
 * {@code rb} calls {@code tcflush(TCIOFLUSH)} when it leaves, and on a pty that discards its last ACK before
 * we read it (on a UART {@code tcdrain} first puts it on the wire). Over pipes the flush does nothing.
 */
public final class PipeLink implements ByteLink {
    private final Process process;
    private final OutputStream toPeer;
    private final RigClock clock = new WallClock();
    private final byte[] ring = new byte[1 << 16];
    private int head;
    private int tail;
    private boolean ended;
    private final String name;

    private PipeLink(Process process, String name) {
        this.process = process;
        this.toPeer = process.getOutputStream();
        this.name = name;
        Thread pump = new Thread(() -> pump(process.getInputStream()), "pipe-link-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command} in {@code dir} with stdin/stdout on pipes; its stderr goes to {@code log}. */
    public static PipeLink start(List<String> command, Path dir, Path log) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
        return new PipeLink(p, String.join(" ", command));
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        ring[tail++ % ring.length] = chunk[i];
                    }
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the peer has gone
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    /** The peer's exit code, waiting at most {@code timeout}. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + timeout.toMillis() + " ms");
        }
        return process.exitValue();
    }

    @Override
    public String name() {
        return "pipes to " + name;
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        try {
            toPeer.write(data, offset, length);
            toPeer.flush();
        } catch (IOException e) {
            throw new LinkException("cannot write to " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (head == tail) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        int n = 0;
        while (n < length && head != tail) {
            buffer[offset + n++] = ring[head++ % ring.length];
        }
        return n;
    }

    @Override
    public synchronized void discardInput() {
        head = tail;
    }

    @Override
    public void configure(LineSettings settings) {
        // pipes have no line settings
    }

    @Override
    public void close() {
        process.destroy();
    }
}
