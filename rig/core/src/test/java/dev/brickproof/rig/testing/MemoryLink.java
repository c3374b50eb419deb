package dev.brickproof.rig.testing;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.Disconnectable;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import dev.brickproof.rig.time.WallClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory link whose "board" side the test drives. */
public final class MemoryLink implements ByteLink, Disconnectable {
    private final LinkedBlockingQueue<Byte> fromBoard = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream toBoard = new ByteArrayOutputStream();
    private volatile boolean disconnected;

    public void boardSays(String text) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            fromBoard.add(b);
        }
    }

    public synchronized String sentToBoard() {
        return toBoard.toString(StandardCharsets.ISO_8859_1);
    }

    public void disconnect() {
        disconnected = true;
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public RigClock clock() {
        return new WallClock();
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        toBoard.write(data, offset, length);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        try {
            Byte first = timeout.isZero() ? fromBoard.poll() : fromBoard.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (first == null) {
                return 0;
            }
            buffer[offset] = first;
            int n = 1;
            Byte next;
            while (n < length && (next = fromBoard.poll()) != null) {
                buffer[offset + n++] = next;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void discardInput() {
        fromBoard.clear();
    }

    @Override
    public void configure(LineSettings settings) {
    }

    @Override
    public void close() {
    }
}
