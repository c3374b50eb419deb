package dev.brickproof.api;

import java.util.BitSet;

/**
 * What one stretch of a board's life did with main flash, byte by byte (offsets from the flash base): which bytes
 * it depended on ({@code inputs}: read, by an instruction fetch, a load, the flash controller's check of a cell
 * before programming it, or the host's read-back, before anything in that stretch wrote them) and which it
 * changed ({@code written}: programmed or erased). Two stretches that start from the same board state except for
 * flash, and whose flash agrees on the inputs of one, run the same way (a deterministic board) and leave the
 * written bytes the same: what a power-cut sweep memoises on.
 */
public record FlashFootprint(int flashSize, BitSet inputs, BitSet written) {

    public FlashFootprint {
        inputs = (BitSet) inputs.clone();
        written = (BitSet) written.clone();
    }

    @Override
    public BitSet inputs() {
        return (BitSet) inputs.clone();
    }

    @Override
    public BitSet written() {
        return (BitSet) written.clone();
    }

    /** True when {@code flash} and {@code other} hold the same bytes at every input of this footprint. */
    public boolean sameInputs(byte[] flash, byte[] other) {
        for (int from = inputs.nextSetBit(0); from >= 0; ) {
            int to = inputs.nextClearBit(from);
            if (java.util.Arrays.mismatch(flash, from, to, other, from, to) >= 0) {
                return false;
            }
            from = inputs.nextSetBit(to);
        }
        return true;
    }

    /** True when some input of this footprint lies in [offset, offset + length). */
    public boolean dependsOn(int offset, int length) {
        int next = inputs.nextSetBit(Math.max(0, offset));
        return next >= 0 && next < offset + length;
    }

    /** {@code start} with the written bytes of {@code end} laid over it: the flash the same run leaves behind. */
    public byte[] overlay(byte[] start, byte[] end) {
        byte[] out = start.clone();
        for (int from = written.nextSetBit(0); from >= 0; ) {
            int to = written.nextClearBit(from);
            System.arraycopy(end, from, out, from, to - from);
            from = written.nextSetBit(to);
        }
        return out;
    }
}
