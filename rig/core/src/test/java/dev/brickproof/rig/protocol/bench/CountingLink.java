package dev.brickproof.rig.protocol.bench;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/** Passes everything through to a link and counts the bytes the host wrote and read: the bytes on the wire. */
final class CountingLink implements ByteLink {
    private final ByteLink inner;
    private long written;
    private long read;

    CountingLink(ByteLink inner) {
        this.inner = inner;
    }

    long written() {
        return written;
    }

    long read() {
        return read;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public RigClock clock() {
        return inner.clock();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        inner.write(data, offset, length);
        written += length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        int n = inner.read(buffer, offset, length, timeout);
        read += n;
        return n;
    }

    @Override
    public void discardInput() {
        inner.discardInput();
    }

    @Override
    public void configure(LineSettings settings) {
        inner.configure(settings);
    }

    @Override
    public void close() {
        inner.close();
    }
}
