package dev.brickproof.rig.testing;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/** A link that hands every call to another; test decorators (counting, pacing, corrupting) override what they change. */
public abstract class ForwardingByteLink implements ByteLink {
    protected final ByteLink inner;

    protected ForwardingByteLink(ByteLink inner) {
        this.inner = inner;
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
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        return inner.read(buffer, offset, length, timeout);
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
