package dev.brickproof.rig.protocol;

import dev.brickproof.rig.ProtocolException;

/** A codec found a frame announcing more bytes than the protocol or configuration allows. */
public class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final int skip;

    public FrameTooLargeException(String message, int skip) {
        super(message);
        this.skip = Math.max(1, skip);
    }

    /** Input bytes to drop before decoding again. */
    public int skip() {
        return skip;
    }
}
