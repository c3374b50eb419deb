package dev.brickproof.rig.console;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.Disconnectable;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.Deadline;
import dev.brickproof.rig.time.RigClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Console} over any {@link ByteLink} (jSerialComm port, emulated board's pty, lockstep wire). Reads
 * on the caller's thread, in slices bounded by the caller's deadline, so that it works the same in real and
 * in virtual time. Every byte read is appended to the transcript file at once.
 */
public final class LinkConsole implements Console {
    private static final Duration SLICE = Duration.ofMillis(100);
    private static final int KEEP_LINES = 200;
    private final ByteLink link;
    /** Guards the transcript stream alone, so that a mark can be written while a reader holds the console. */
    private final Object transcriptLock = new Object();
    private Path transcript;
    private OutputStream out;
    /** Received bytes not yet consumed, Latin-1 so that one char is one byte. */
    private final StringBuilder pending = new StringBuilder();
    private final Deque<String> recent = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private final RawView raw = new RawView();
    private volatile boolean closed;

    public LinkConsole(ByteLink link, Path transcript) {
        this.link = link;
        this.transcript = transcript;
        this.out = openTranscript(transcript);
    }

    private static OutputStream openTranscript(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new LinkException("cannot write the console transcript " + file + ": " + e.getMessage()
                    + "; check that reports/runs is writable", e);
        }
    }

    @Override
    public synchronized void startTranscript(Path file) {
        OutputStream next = openTranscript(file);
        synchronized (transcriptLock) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the previous transcript is complete up to its last flush
            }
            out = next;
            transcript = file;
        }
    }

    /** Writes {@code line} into the transcript on a line of its own, without waiting for a reader to finish. */
    @Override
    public void mark(String line) {
        synchronized (transcriptLock) {
            if (closed) {
                return;
            }
            try {
                out.write(("\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new LinkException("cannot write the console transcript " + transcript + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public synchronized ConsoleMatch expect(Pattern pattern, Deadline deadline) {
        while (true) {
            Optional<ConsoleMatch> hit = consumeThrough(pattern);
            if (hit.isPresent()) {
                return hit.get();
            }
            stopIfInterrupted("waiting for /" + pattern.pattern() + "/ on " + name());
            Duration left = deadline.remaining();
            if (left.isZero()) {
                throw new RigTimeoutException("console line /" + pattern.pattern() + "/ on " + name()
                        + " (" + deadline.awaited() + ")", deadline.budget(), String.join("\n", lastLines(10)));
            }
            fill(left.compareTo(SLICE) < 0 ? left : SLICE);
        }
    }

    @Override
    public synchronized Optional<ConsoleMatch> poll(Pattern pattern) {
        fill(Duration.ZERO);
        return consumeThrough(pattern);
    }

    @Override
    public synchronized void send(String text) {
        stopIfInterrupted("sending to " + name());
        link.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public synchronized void skipPending() {
        fill(Duration.ZERO);
        pending.setLength(0);
    }

    @Override
    public ByteLink link() {
        return raw;
    }

    @Override
    public Path transcript() {
        synchronized (transcriptLock) {
            return transcript;
        }
    }

    @Override
    public synchronized List<String> lastLines(int n) {
        List<String> lines = new ArrayList<>(recent);
        if (!partial.isEmpty()) {
            lines.add(partial.toString());
        }
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    @Override
    public boolean isDisconnected() {
        return link instanceof Disconnectable d && d.isDisconnected();
    }

    /** Reads what arrives within {@code wait} (nothing waited for when zero) into the pending text. */
    private int fill(Duration wait) {
        byte[] buf = new byte[1024];
        int n = link.read(buf, 0, buf.length, wait);
        if (n > 0) {
            record(buf, 0, n);
            pending.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return n;
    }

    /** The run was interrupted (Ctrl-C): the reader stops instead of driving the board any further. */
    private static void stopIfInterrupted(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException(what);
        }
    }

    private void record(byte[] buf, int off, int n) {
        synchronized (transcriptLock) {
            try {
                out.write(buf, off, n);
                out.flush();
            } catch (IOException e) {
                throw new LinkException("cannot write the console transcript " + transcript + ": " + e.getMessage(), e);
            }
        }
        for (int i = off; i < off + n; i++) {
            char c = (char) (buf[i] & 0xFF);
            if (c == '\n') {
                recent.addLast(partial.toString());
                partial.setLength(0);
                if (recent.size() > KEEP_LINES) {
                    recent.removeFirst();
                }
            } else if (c != '\r') {
                partial.append(c);
            }
        }
    }

    private Optional<ConsoleMatch> consumeThrough(Pattern pattern) {
        int start = 0;
        int nl;
        while ((nl = pending.indexOf("\n", start)) >= 0) {
            String line = stripCr(pending.substring(start, nl));
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                List<String> groups = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g) == null ? "" : m.group(g));
                }
                pending.delete(0, nl + 1);
                return Optional.of(new ConsoleMatch(line, groups));
            }
            start = nl + 1;
        }
        return Optional.empty();
    }

    private static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        int begin = 0;
        while (begin < end && line.charAt(begin) == '\r') {
            begin++;
        }
        return line.substring(begin, end);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        synchronized (transcriptLock) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the transcript is best effort once the run is over
            }
        }
        link.close();
    }

    /** The raw byte view for protocol clients: pending text first, then the link, everything transcribed. */
    private final class RawView implements ByteLink {
        @Override
        public String name() {
            return link.name();
        }

        @Override
        public RigClock clock() {
            return link.clock();
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            stopIfInterrupted("writing to " + link.name());
            link.write(data, offset, length);
        }

        @Override
        public int read(byte[] buffer, int offset, int length, Duration timeout) {
            stopIfInterrupted("reading from " + link.name());
            synchronized (LinkConsole.this) {
                if (!pending.isEmpty()) {
                    int n = Math.min(length, pending.length());
                    for (int i = 0; i < n; i++) {
                        buffer[offset + i] = (byte) pending.charAt(i);
                    }
                    pending.delete(0, n);
                    return n;
                }
                int n = link.read(buffer, offset, length, timeout);
                if (n > 0) {
                    record(buffer, offset, n);
                }
                return n;
            }
        }

        @Override
        public void discardInput() {
            synchronized (LinkConsole.this) {
                pending.setLength(0);
                byte[] buf = new byte[1024];
                int n;
                while ((n = link.read(buf, 0, buf.length, Duration.ZERO)) > 0) {
                    record(buf, 0, n);
                }
            }
        }

        @Override
        public void configure(LineSettings settings) {
            link.configure(settings);
        }

        @Override
        public void close() {
            // the console owns the link
        }
    }
}
