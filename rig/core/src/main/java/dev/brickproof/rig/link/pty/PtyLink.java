package dev.brickproof.rig.link.pty;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ByteLink} on the master end of a {@link PseudoTerminal}: whatever runs on the slave (lrzsz,
 * stm32flash, a jSerialComm client) is the peer. Runs on wall-clock time; line settings are recorded
 * and otherwise ignored, as a pty ignores them.
 */
public final class PtyLink implements ByteLink {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    private final PseudoTerminal pty;
    private final RigClock clock;
    private final boolean ownsPty;
    private volatile LineSettings settings = LineSettings.of8N1(115_200);
    private volatile boolean closed;

    /** A link on {@code pty}'s master that closes the pty when it is closed. */
    public PtyLink(PseudoTerminal pty) {
        this(pty, new WallClock(), true);
    }

    public PtyLink(PseudoTerminal pty, RigClock clock, boolean ownsPty) {
        this.pty = Objects.requireNonNull(pty, "pty");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownsPty = ownsPty;
    }

    public PseudoTerminal pty() {
        return pty;
    }

    @Override
    public String name() {
        return "pty " + pty.slavePath();
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        check();
        pty.write(data, offset, length, WRITE_TIMEOUT);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        check();
        return pty.read(buffer, offset, length, timeout.isNegative() ? Duration.ZERO : timeout);
    }

    @Override
    public void discardInput() {
        check();
        byte[] sink = new byte[4096];
        while (pty.read(sink, 0, sink.length, Duration.ZERO) > 0) {
            // drop
        }
    }

    @Override
    public void configure(LineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The last settings asked for (a pty does not apply them). */
    public LineSettings settings() {
        return settings;
    }

    private void check() {
        if (closed || pty.isClosed()) {
            throw new LinkException(name() + " is closed (the link was cut)");
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ownsPty) {
            pty.close();
        }
    }
}
