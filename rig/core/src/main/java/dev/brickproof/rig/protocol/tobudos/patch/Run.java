package dev.brickproof.rig.protocol.tobudos.patch;

/**
 * One piece of the new image: {@code length} bytes from {@code newFrom} that are either the old image's bytes from
 * {@code oldFrom} plus a byte-wise difference ({@code oldFrom >= 0}, bsdiff's "diff") or new bytes sent as they are
 * ({@code oldFrom == EXTRA}, bsdiff's "extra").
 */
record Run(int newFrom, int oldFrom, int length) {
    static final int EXTRA = -1;

    boolean isExtra() {
        return oldFrom == EXTRA;
    }

    int newEnd() {
        return newFrom + length;
    }
}
