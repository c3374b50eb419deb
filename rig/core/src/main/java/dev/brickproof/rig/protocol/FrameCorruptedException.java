package dev.brickproof.rig.protocol;

import dev.brickproof.rig.ProtocolException;

/**
 * A codec found a frame whose checksum, complement or structure is wrong. {@link #skip()} says how many
 * input bytes the caller should drop before decoding again (at least 1).
 */
public class FrameCorruptedException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final int skip;

    public FrameCorruptedException(String message, int skip) {
        super(message);
        this.skip = Math.max(1, skip);
    }

    public int skip() {
        return skip;
    }
}
