package dev.brickproof.firmware;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.link.LineSettings;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A line fault between a client and the board: the first write the predicate picks goes out changed by
 * {@code damage}, once; everything else passes untouched. Each client writes a packet or frame in one call,
 * so the predicate sees whole packets.
 */
final class CorruptingLink implements ByteLink {
    private final ByteLink wire;
    private final Predicate<byte[]> picks;
    private final UnaryOperator<byte[]> damage;
    private boolean done;

    CorruptingLink(ByteLink wire, Predicate<byte[]> picks, UnaryOperator<byte[]> damage) {
        this.wire = wire;
        this.picks = picks;
        this.damage = damage;
    }

    /** True once the damaged write went out. */
    boolean corrupted() {
        return done;
    }

    @Override
    public String name() {
        return wire.name() + " (one write corrupted)";
    }

    @Override
    public RigClock clock() {
        return wire.clock();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        byte[] out = Arrays.copyOfRange(data, offset, offset + length);
        if (!done && picks.test(out)) {
            done = true;
            out = damage.apply(out);
        }
        wire.write(out, 0, out.length);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        return wire.read(buffer, offset, length, timeout);
    }

    @Override
    public void discardInput() {
        wire.discardInput();
    }

    @Override
    public void configure(LineSettings settings) {
        wire.configure(settings);
    }

    @Override
    public void close() {
        wire.close();
    }
}
