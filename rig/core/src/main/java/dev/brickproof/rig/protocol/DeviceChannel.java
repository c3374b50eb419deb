package dev.brickproof.rig.protocol;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.Deadline;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every protocol client reads and writes through: a {@link ByteLink} plus a read-ahead buffer, bounded
 * waits on a {@link Deadline}, and a record of the last bytes the device sent, for error messages.
 *
 * <p>No wait here outlives its deadline: native reads are sliced to at most {@link #MAX_SLICE}. It never reads
 * more from the link than the caller asked for, so a harness console sharing the same link sees every byte a
 * client did not need (banners after an update, result lines).
 */
public final class DeviceChannel {
    /** Longest single native read; keeps every wait within a slice of its deadline. */
    public static final Duration MAX_SLICE = Duration.ofMillis(200);
    private static final int HISTORY = 48;
    /** How long a match that ends at the last byte waits for one more byte that could extend it. */
    private static final Duration MATCH_SETTLE = Duration.ofMillis(20);

    private final ByteLink link;
    private final byte[] buffer = new byte[4096];
    private int head;
    private int tail;
    private final byte[] history = new byte[HISTORY];
    private long received;

    public DeviceChannel(ByteLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    public ByteLink link() {
        return link;
    }

    public RigClock clock() {
        return link.clock();
    }

    /** Total bytes received from the device so far. */
    public long received() {
        return received;
    }

    /** The last bytes the device sent (up to 48), as hex and printable text. */
    public String lastReceived() {
        int n = (int) Math.min(received, HISTORY);
        byte[] last = new byte[n];
        for (int i = 0; i < n; i++) {
            last[i] = history[(int) ((received - n + i) % HISTORY)];
        }
        return n == 0 ? "" : HexDump.of(last);
    }

    /** "the device last said: ..." for error messages. */
    public String lastSaid() {
        String last = lastReceived();
        return last.isEmpty() ? "the device has said nothing on " + link.name()
                : "the device last said " + last + " on " + link.name();
    }

    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) {
        try {
            link.write(data, offset, length);
        } catch (LinkException e) {
            throw new LinkException(e.getMessage() + "; " + lastSaid(), e);
        }
    }

    public void write(int oneByte) {
        write(new byte[] {(byte) oneByte}, 0, 1);
    }

    /** Drops everything received and not yet consumed, here and in the link. */
    public void discardInput() {
        head = tail = 0;
        link.discardInput();
    }

    /** Bytes already buffered, without waiting. */
    public int available() {
        return tail - head;
    }

    private boolean fill(Duration timeout, int wanted) {
        if (head == tail) {
            head = tail = 0;
        }
        if (tail == buffer.length) {
            return true;
        }
        int n;
        try {
            n = link.read(buffer, tail, Math.min(wanted, buffer.length - tail), timeout);
        } catch (LinkException e) {
            throw new LinkException(e.getMessage() + "; " + lastSaid(), e);
        }
        for (int i = 0; i < n; i++) {
            history[(int) (received++ % HISTORY)] = buffer[tail + i];
        }
        tail += n;
        return n > 0;
    }

    private Duration slice(Deadline deadline) {
        Duration left = deadline.remaining();
        return left.compareTo(MAX_SLICE) < 0 ? left : MAX_SLICE;
    }

    /** Next byte, or -1 once the deadline has passed without one. */
    public int poll(Deadline deadline) {
        while (head == tail) {
            fill(slice(deadline), 1);
            if (head == tail && deadline.expired()) {
                return -1;
            }
        }
        return buffer[head++] & 0xFF;
    }

    /** Next byte if one arrives within {@code timeout} (no deadline exceeded), else -1. */
    public int poll(Duration timeout) {
        return poll(clock().deadlineAfter(timeout, "a byte"));
    }

    /** Next byte; {@link RigTimeoutException} naming {@code deadline.awaited()} if none comes in time. */
    public int read(Deadline deadline) {
        int b = poll(deadline);
        if (b < 0) {
            throw timeout(deadline);
        }
        return b;
    }

    /** Exactly {@code n} bytes or a timeout. */
    public byte[] readExactly(int n, Deadline deadline) {
        byte[] out = new byte[n];
        int have = 0;
        while (have < n) {
            if (head < tail) {
                int k = Math.min(n - have, tail - head);
                System.arraycopy(buffer, head, out, have, k);
                head += k;
                have += k;
                continue;
            }
            fill(slice(deadline), n - have);
            if (head == tail && deadline.expired()) {
                throw timeout(deadline);
            }
        }
        return out;
    }

    /**
     * Moves up to {@code max} bytes into {@code into}: what is buffered, or what one read of the link returns
     * (at most {@code max}); 0 if the deadline passes first.
     */
    public int readSome(byte[] into, int offset, int max, Deadline deadline) {
        while (head == tail) {
            fill(slice(deadline), max);
            if (head == tail && deadline.expired()) {
                return 0;
            }
        }
        int n = Math.min(max, tail - head);
        System.arraycopy(buffer, head, into, offset, n);
        head += n;
        return n;
    }

    /**
     * Reads console text until {@code pattern} is found in what arrived since this call started; returns the
     * match. Times out with the last lines of that text.
     */
    public Matcher awaitText(Pattern pattern, Deadline deadline) {
        return awaitText(pattern, deadline, new StringBuilder());
    }

    private Matcher awaitText(Pattern pattern, Deadline deadline, StringBuilder text) {
        while (true) {
            int b = poll(deadline); // byte by byte: nothing after the match is taken from the link
            if (b < 0) {
                throw new RigTimeoutException(deadline.awaited() + " (/" + pattern.pattern() + "/)",
                        deadline.budget(), tailLines(text) + (received == 0 ? "" : "\n[bytes] " + lastReceived()));
            }
            text.append((char) b);
            if (text.length() > 16384) {
                text.delete(0, text.length() - 8192);
            }
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                if (!m.hitEnd()) {
                    return m;
                }
                // the match could still grow (e.g. "v(\\d+)" before the last digit): take one more byte if it
                // comes at once, else accept what we have
                int more = poll(deadline.within(MATCH_SETTLE, "the rest of a match"));
                if (more < 0) {
                    return m;
                }
                text.append((char) more);
                m = pattern.matcher(text);
                while (m.find() && m.hitEnd()) {
                    more = poll(deadline.within(MATCH_SETTLE, "the rest of a match"));
                    if (more < 0) {
                        break;
                    }
                    text.append((char) more);
                    m = pattern.matcher(text);
                }
                m = pattern.matcher(text);
                if (m.find()) {
                    return m;
                }
            }
        }
    }

    /**
     * Like {@link #awaitText} but also waits for the end of the line the match is on (or {@code lineEndWait}
     * of silence): a device that prints a prompt and only then polls its UART loses what arrives mid-line.
     */
    public Matcher awaitLine(Pattern pattern, Deadline deadline, Duration lineEndWait) {
        StringBuilder text = new StringBuilder();
        Matcher m = awaitText(pattern, deadline, text);
        if (text.indexOf("\n", Math.max(0, m.end() - 1)) >= 0) {
            return m;
        }
        Deadline rest = deadline.within(lineEndWait, "the end of the line after /" + pattern.pattern() + "/");
        int b;
        while ((b = poll(rest)) >= 0) {
            if (b == '\n') {
                break;
            }
        }
        return m;
    }

    private static String tailLines(CharSequence text) {
        String s = text.toString();
        String[] lines = s.split("\r?\n");
        int from = Math.max(0, lines.length - 8);
        StringBuilder out = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            out.append(lines[i].replaceAll("[^\\x20-\\x7E\\t]", ".")).append('\n');
        }
        return out.toString().strip();
    }

    /** A timeout for {@code deadline}, with the last bytes the device sent. */
    public RigTimeoutException timeout(Deadline deadline) {
        return new RigTimeoutException(deadline.awaited() + " on " + link.name(), deadline.budget(), lastReceived());
    }

    /** Elapsed since {@code start} on the link's clock. */
    public Duration since(Duration start) {
        return clock().now().minus(start);
    }
}
