package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.emulator.Uart;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.Disconnectable;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * An in-process wire to a lockstep board's USART1: no pty, no threads. A read with a timeout runs the board
 * in virtual time until a byte arrives or the timeout passes, so a sweep of thousands of cuts takes seconds.
 */
public final class LockstepLink implements ByteLink, Disconnectable {
    private final EmulatedBoard board;
    private final Uart console;
    private final BoardClock clock;
    private final String name;
    private final ArrayDeque<Byte> received = new ArrayDeque<>();
    private boolean closed;

    public LockstepLink(EmulatedBoard board, BoardClock clock, String name) {
        this(board, board.usart1(), clock, name);
    }

    /** A link to {@code console} (the board's USART1, or a wire standing for a broken adapter). */
    public LockstepLink(EmulatedBoard board, Uart console, BoardClock clock, String name) {
        this.board = board;
        this.console = console;
        this.clock = clock;
        this.name = name;
        console.onTransmit(b -> {
            if (!closed) {
                received.add((byte) b);
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RigClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        check();
        console.send(Arrays.copyOfRange(data, offset, offset + length));
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        check();
        if (received.isEmpty() && timeout.compareTo(Duration.ZERO) > 0) {
            clock.advanceUntil(() -> !received.isEmpty(), timeout);
        }
        int n = 0;
        while (n < length && !received.isEmpty()) {
            buffer[offset + n++] = received.poll();
        }
        return n;
    }

    @Override
    public void discardInput() {
        received.clear();
    }

    @Override
    public void configure(LineSettings settings) {
        // the wire model takes the rate from the board's BRR
    }

    @Override
    public boolean isDisconnected() {
        return closed;
    }

    private void check() {
        if (closed) {
            throw new LinkException("lockstep wire " + name + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
