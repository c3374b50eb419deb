package dev.brickproof.firmware;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.testing.ForwardingByteLink;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A line fault between a client and the board: the first write the predicate picks goes out changed by
 * {@code damage}, once; everything else passes untouched. Each client writes a packet or frame in one call,
 * so the predicate sees whole packets.
 */
final class CorruptingLink extends ForwardingByteLink {
    private final Predicate<byte[]> picks;
    private final UnaryOperator<byte[]> damage;
    private boolean done;

    CorruptingLink(ByteLink wire, Predicate<byte[]> picks, UnaryOperator<byte[]> damage) {
        super(wire);
        this.picks = picks;
        this.damage = damage;
    }

    /** True once the damaged write went out. */
    boolean corrupted() {
        return done;
    }

    @Override
    public String name() {
        return inner.name() + " (one write corrupted)";
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        byte[] out = Arrays.copyOfRange(data, offset, offset + length);
        if (!done && picks.test(out)) {
            done = true;
            out = damage.apply(out);
        }
        inner.write(out, 0, out.length);
    }
}
