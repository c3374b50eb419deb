package dev.brickproof.rig.protocol.bench;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.testing.ForwardingByteLink;
import java.time.Duration;

/** Passes everything through to a link and counts the bytes the host wrote and read: the bytes on the wire. */
final class CountingLink extends ForwardingByteLink {
    private long written;
    private long read;

    CountingLink(ByteLink inner) {
        super(inner);
    }

    long written() {
        return written;
    }

    long read() {
        return read;
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
}
