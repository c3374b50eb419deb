package dev.brickproof.emulator.soc;

import java.util.Arrays;

/**
 * The main-flash cell array of one part, persistent across power cycles. Bytes as stored (0xFF = erased).
 * For the L4 (double-word + ECC) it also tracks, per 64-bit double-word, whether it has been programmed
 * since the last erase ("used": even an all-ones write consumes it) and whether its ECC no longer matches
 * (a torn program or erase): reading such a double-word is an uncorrectable (ECCD) error.
 */
public final class FlashMemory {
    public final int base;
    public final int size;
    public final int pageSize;
    /** Cells. The bus reads this array directly (fast path). */
    public byte[] data;
    private long[] used;
    private long[] eccBad;
    private int eccBadCount;
    /** Non-null while a footprint is being recorded (see {@link #startFootprint}). */
    private java.util.BitSet inputs;
    private java.util.BitSet written;

    public FlashMemory(int base, int size, int pageSize) {
        this.base = base;
        this.size = size;
        this.pageSize = pageSize;
        this.data = new byte[size];
        Arrays.fill(data, (byte) 0xFF);
        int dws = size / 8;
        this.used = new long[(dws + 63) / 64];
        this.eccBad = new long[(dws + 63) / 64];
    }

    private FlashMemory(FlashMemory o) {
        this.base = o.base;
        this.size = o.size;
        this.pageSize = o.pageSize;
        this.data = o.data.clone();
        this.used = o.used.clone();
        this.eccBad = o.eccBad.clone();
        this.eccBadCount = o.eccBadCount;
    }

    public FlashMemory copy() {
        return new FlashMemory(this);
    }

    public void copyFrom(FlashMemory o) {
        System.arraycopy(o.data, 0, data, 0, size);
        System.arraycopy(o.used, 0, used, 0, used.length);
        System.arraycopy(o.eccBad, 0, eccBad, 0, eccBad.length);
        eccBadCount = o.eccBadCount;
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address - base, size) < 0;
    }

    /**
     * Starts recording which bytes are read before being written ({@link #noteRead}) and which are written,
     * until {@link #stopFootprint}. While recording, {@link #checkedReads} sends the bus's flash reads through
     * its slow path, which notes them.
     */
    public void startFootprint() {
        inputs = new java.util.BitSet(size);
        written = new java.util.BitSet(size);
    }

    /** Stops recording and returns what was recorded. */
    public dev.brickproof.api.FlashFootprint stopFootprint() {
        if (inputs == null) {
            throw new IllegalStateException("no flash footprint is being recorded");
        }
        dev.brickproof.api.FlashFootprint f = new dev.brickproof.api.FlashFootprint(size, inputs, written);
        inputs = null;
        written = null;
        return f;
    }

    /** A read of [offset, offset + length): bytes not written since recording started are inputs. */
    public void noteRead(int offset, int length) {
        if (inputs == null) {
            return;
        }
        int end = Math.min(size, offset + length);
        for (int i = Math.max(0, offset); i < end; i++) {
            if (!written.get(i)) {
                inputs.set(i);
            }
        }
    }

    private void noteWrite(int offset, int length) {
        if (written != null) {
            written.set(Math.max(0, offset), Math.min(size, offset + length));
        }
    }

    /**
     * A torn operation: its result depends on what the cells held when it started, which this run may have
     * written since; counted as inputs whatever happened before (never under-reporting), and as written.
     */
    public void noteTorn(int offset, int length) {
        if (inputs != null) {
            inputs.set(Math.max(0, offset), Math.min(size, offset + length));
        }
        noteWrite(offset, length);
    }

    public int u8(int offset) {
        noteRead(offset, 1);
        return data[offset] & 0xFF;
    }

    public int u16(int offset) {
        noteRead(offset, 2);
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }

    public int u32(int offset) {
        noteRead(offset, 4);
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16
                | (data[offset + 3] & 0xFF) << 24;
    }

    public long u64(int offset) {
        return (u32(offset) & 0xFFFF_FFFFL) | (long) u32(offset + 4) << 32;
    }

    public void put16(int offset, int v) {
        noteWrite(offset, 2);
        data[offset] = (byte) v;
        data[offset + 1] = (byte) (v >>> 8);
    }

    public void put64(int offset, long v) {
        noteWrite(offset, 8);
        for (int i = 0; i < 8; i++) {
            data[offset + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Erases [offset, offset+length) to 0xFF and clears the per-double-word marks there. */
    public void erase(int offset, int length) {
        noteWrite(offset, length);
        Arrays.fill(data, offset, offset + length, (byte) 0xFF);
        for (int dw = offset / 8; dw < (offset + length) / 8; dw++) {
            setUsed(dw, false);
            setEccBad(dw, false);
        }
    }

    public boolean isUsed(int dw) {
        return (used[dw >>> 6] & 1L << dw) != 0;
    }

    public void setUsed(int dw, boolean on) {
        if (on) {
            used[dw >>> 6] |= 1L << dw;
        } else {
            used[dw >>> 6] &= ~(1L << dw);
        }
    }

    public boolean isEccBad(int dw) {
        return (eccBad[dw >>> 6] & 1L << dw) != 0;
    }

    public void setEccBad(int dw, boolean on) {
        boolean was = isEccBad(dw);
        if (on && !was) {
            eccBad[dw >>> 6] |= 1L << dw;
            eccBadCount++;
        } else if (!on && was) {
            eccBad[dw >>> 6] &= ~(1L << dw);
            eccBadCount--;
        }
    }

    /** True when any double-word has a broken ECC. */
    public boolean anyEccBad() {
        return eccBadCount != 0;
    }

    /**
     * True when the bus must take its checked slow path for flash reads: a double-word has a broken ECC, or a
     * footprint is being recorded (the slow path notes the read).
     */
    public boolean checkedReads() {
        return eccBadCount != 0 || inputs != null;
    }

    /** Marks double-words that hold data as used (SWD provisioning: all-ones double-words stay free). */
    public void markUsedWhereProgrammed(int offset, int length) {
        for (int dw = offset / 8; dw < (offset + length + 7) / 8 && dw < size / 8; dw++) {
            setUsed(dw, u64(dw * 8) != -1L);
        }
    }
}
